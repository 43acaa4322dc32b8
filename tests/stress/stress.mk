# tests/stress/stress.mk: long runs (included by the Makefile).
#
#   make stress     the read-mark stress test at full size: SIGKILL a
#                   "byline mark-read" at random moments MARKS_KILLS times
#                   (default 300), 2 and MARKS_WRITERS (default 8) writers
#                   at once for MARKS_ROUNDS rounds (default 25), then a full
#                   disk, a size limit and a folder for a state file.
#                   "make test" runs the same script small
#                   (tests/e2e/marks-stress.sh).
#   make chaos      the reader abused as real life does (issue 16): the
#                   terminal dying in every form, files changing under it,
#                   storms of CHAOS_KEYS keys (default 5000), pastes and
#                   resizes, tiny sizes, odd TERMs, devices and FIFOs and
#                   CHAOS_BIG files (default 20000) in the library. A few
#                   minutes; BUILD=build/asan SAN=1 for a sanitizer run.

MARKS_KILLS   ?= 300
MARKS_ROUNDS  ?= 25
MARKS_WRITERS ?= 8
CHAOS_KEYS    ?= 5000
CHAOS_BIG     ?= 20000

stress: $(BUILD)/byline
	@BYLINE=$(abspath $(BUILD)/byline) MARKS_KILLS=$(MARKS_KILLS) MARKS_ROUNDS=$(MARKS_ROUNDS) \
	    MARKS_WRITERS=$(MARKS_WRITERS) sh tests/stress/marks.sh

chaos: $(BUILD)/byline
	@BYLINE=$(abspath $(BUILD)/byline) CHAOS_KEYS=$(CHAOS_KEYS) CHAOS_BIG=$(CHAOS_BIG) \
	    sh tests/stress/chaos.sh
