#!/bin/sh
# marks-stress.sh: the read-mark stress test (tests/stress/marks.sh) at a CI
# size: a few seconds of SIGKILLs at random moments, 2 and 8 writers at
# once, mark-read with mark-unread, a full disk, a size limit, a folder.
# "make stress" runs the same script at full size.
MARKS_KILLS=${MARKS_KILLS:-25} MARKS_ROUNDS=${MARKS_ROUNDS:-3} MARKS_WRITERS=${MARKS_WRITERS:-8} \
    exec sh tests/stress/marks.sh
