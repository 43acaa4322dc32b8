# tests/fuzz/fuzz.mk: libFuzzer targets (included by the Makefile).
#
#   make fuzz                   build the targets and run each for
#                               FUZZ_SECONDS (default 60) with -seed=1
#   make fuzz FUZZ_SECONDS=600  a longer run
#   make fuzz FUZZ_TARGETS=fuzz_wrap   one target only
#   make fuzz-build             only build them, into $(BUILD)/fuzz/
#
# Each target is compiled with clang -fsanitize=fuzzer,address,undefined
# together with every core source (src/*.c but main.c; no curses). A run
# starts from the seed corpus tests/fuzz/corpus/TARGET and the regression
# inputs tests/fuzz/regressions/TARGET; what it learns goes to
# $(BUILD)/fuzz/work/TARGET (fresh each run, so that runs are comparable).
# A crash, a leak, a timeout (10 s) or a failed check fails the run, and the
# input is copied to tests/fuzz/regressions/TARGET/, which "make test"
# replays (tests/unit/test_fuzz_regressions.c). See tests/fuzz/run.sh.

FUZZ_SECONDS ?= 60
FUZZ_CC      ?= clang
FUZZ_OUT     := $(BUILD)/fuzz
FUZZ_TARGETS ?= fuzz_article fuzz_analysis fuzz_wrap fuzz_readstate fuzz_html fuzz_feed fuzz_digest

# -max_len for each target: long enough for a real article's head and a few
# paragraphs, short enough to keep thousands of runs a second.
FUZZ_MAXLEN_fuzz_article   ?= 8192
FUZZ_MAXLEN_fuzz_analysis  ?= 8192
FUZZ_MAXLEN_fuzz_wrap      ?= 2048
FUZZ_MAXLEN_fuzz_readstate ?= 4096
FUZZ_MAXLEN_fuzz_html      ?= 16384
FUZZ_MAXLEN_fuzz_feed      ?= 16384
FUZZ_MAXLEN_fuzz_digest    ?= 16384

FUZZ_CFLAGS = -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer $(CPPFLAGS_BASE) -std=c11 -Wall -Wextra \
	$(YAML_CFLAGS) $(UTF8PROC_CFLAGS) $(MD4C_CFLAGS) $(JANSSON_CFLAGS) $(XML2_CFLAGS) $(CURL_CFLAGS)

.PHONY: fuzz-build

$(FUZZ_OUT)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz-common.h $(CORE_SRC) $(wildcard include/*.h src/*/*.h)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ $< $(CORE_SRC) $(CORE_LIBS)

fuzz-build: $(FUZZ_TARGETS:%=$(FUZZ_OUT)/%)

fuzz: fuzz-build
	@sh tests/fuzz/run.sh $(FUZZ_OUT) $(FUZZ_SECONDS) \
	    $(foreach t,$(FUZZ_TARGETS),$(t):$(FUZZ_MAXLEN_$(t)))
