# tests/bench/bench.mk: make bench (included by the top Makefile).
#
#   make bench                        the full run (about 10 minutes the first time)
#   make bench BENCH_SIZES="1000 10000"   a quicker run on smaller libraries
#   BYLINE=/path/to/byline make bench     measure another binary
#
# Data is generated under $(BUILD)/bench/ (once; kept between runs), the table
# is printed and written to $(BUILD)/bench/results.tsv. See tests/bench/README.

BENCH_DIR    := $(BUILD)/bench
BENCH_TOOLS  := $(BENCH_DIR)/gen $(BENCH_DIR)/floor $(BENCH_DIR)/rss
BENCH_BYLINE := $(or $(BYLINE),$(BUILD)/byline)
BENCH_CFLAGS := -std=c11 -O2 -g -Wall -Wextra

$(BENCH_DIR)/%: tests/bench/%.c
	@mkdir -p $(@D)
	$(CC) $(BENCH_CFLAGS) -o $@ $<

bench: $(BENCH_BYLINE) $(BENCH_TOOLS)
	@sh .ci/deps bench
	@bash tests/bench/bench.sh $(BENCH_BYLINE) $(BENCH_DIR)
