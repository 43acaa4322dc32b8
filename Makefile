# byline: a terminal reader for offline news articles.
#
#   make run       build and open the bundled articles/
#   make test      build and run every test (unit, command line, tmux)
#   make check-asan  the same tests under AddressSanitizer + UBSan
#
# Missing libraries and tools are installed by .ci/deps (apt-get, through
# sudo when not root) or it stops with the exact command to run.

PREFIX    ?= /usr/local
BINDIR    ?= $(PREFIX)/bin
MANDIR    ?= $(PREFIX)/share/man
DESTDIR   ?=
BUILD     ?= build
CC        ?= cc
PKG_CONFIG ?= pkg-config
SAN       ?=

.DEFAULT_GOAL := all

WARN := -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
        -Wmissing-prototypes -Wformat=2 -Wno-format-nonliteral
ifneq ($(CI),)
WARN += -Werror
endif

OPT ?= -O2 -g
CPPFLAGS_BASE := -D_POSIX_C_SOURCE=200809L -D_XOPEN_SOURCE=700 -Iinclude
CFLAGS_BASE := -std=c11 -pthread $(OPT) $(WARN) -MMD -MP
LDFLAGS += -pthread
ifneq ($(SAN),)
CFLAGS_BASE += -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
LDFLAGS += -fsanitize=address,undefined
endif

# build/config.mk holds what pkg-config says; .ci/deps writes it after making
# sure every library is there. It is not needed to clean.
ifeq ($(filter clean distclean uninstall,$(MAKECMDGOALS)),)
-include $(BUILD)/config.mk
endif

DEPS_LEVEL := $(if $(filter test check-asan,$(MAKECMDGOALS)),test,build)

$(BUILD)/config.mk: .ci/deps
	@mkdir -p $(BUILD)
	@sh .ci/deps $(DEPS_LEVEL) $@

# src/ is in folders by layer (README "Source map"): every folder but ui/
# and cli/ is the core, which the unit tests and fuzz targets link alone.
LAYERS   := base article text analysis store import fetch
CORE_SRC := $(foreach l,$(LAYERS),$(wildcard src/$(l)/*.c))
CLI_SRC  := $(wildcard src/cli/*.c)
UI_SRC   := $(wildcard src/ui/*.c)
CORE_OBJ := $(CORE_SRC:%.c=$(BUILD)/obj/%.o)
CLI_OBJ  := $(CLI_SRC:%.c=$(BUILD)/obj/%.o)
UI_OBJ   := $(UI_SRC:%.c=$(BUILD)/obj/%.o)
CORE_LIB := $(BUILD)/libbyline-core.a

UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

CORE_CFLAGS = $(CPPFLAGS_BASE) $(CFLAGS_BASE) $(YAML_CFLAGS) $(UTF8PROC_CFLAGS) $(MD4C_CFLAGS) $(JANSSON_CFLAGS) \
              $(XML2_CFLAGS) $(CURL_CFLAGS) $(CFLAGS)
UI_CFLAGS   = $(CORE_CFLAGS) $(CURSES_CFLAGS)
# libcurl is not linked: src/fetch/http.c loads it when a fetch needs it (dlopen)
CORE_LIBS   = $(YAML_LIBS) $(UTF8PROC_LIBS) $(MD4C_LIBS) $(JANSSON_LIBS) $(XML2_LIBS)

.PHONY: all run test unit e2e check-asan check-windows clean install uninstall deps-test fuzz bench stress chaos

all: $(BUILD)/byline

$(BUILD)/byline: $(CLI_OBJ) $(UI_OBJ) $(CORE_LIB)
	$(CC) $(LDFLAGS) -o $@ $(CLI_OBJ) $(UI_OBJ) $(CORE_LIB) $(CURSES_LIBS) $(CORE_LIBS)

$(CORE_LIB): $(CORE_OBJ)
	@rm -f $@
	$(AR) rcs $@ $(CORE_OBJ)

$(BUILD)/obj/src/ui/%.o: src/ui/%.c
	@mkdir -p $(@D)
	$(CC) $(UI_CFLAGS) -c -o $@ $<

$(BUILD)/obj/src/%.o: src/%.c
	@mkdir -p $(@D)
	$(CC) $(CORE_CFLAGS) -c -o $@ $<

# Unit tests link the core only: no curses (the layering rule).
$(BUILD)/tests/%: tests/unit/%.c $(CORE_LIB)
	@mkdir -p $(@D)
	$(CC) $(CORE_CFLAGS) $(CMOCKA_CFLAGS) $(LDFLAGS) -o $@ $< $(CORE_LIB) $(CORE_LIBS) $(CMOCKA_LIBS)

# The analysis cache (src/store/digest.c) is keyed by the engine that made
# it: a checksum of every source the analysis of an article depends on, so
# that a changed engine never reads an old cache as its own.
ENGINE_SRC := $(sort $(wildcard src/analysis/*.[ch] src/text/*.[ch] src/article/*.[ch])) \
              $(wildcard include/analysis.h include/article.h include/doc.h include/reading.h \
              include/para.h include/markdown.h include/digest.h) src/store/digest.c
ENGINE_SUM := $(shell cat $(ENGINE_SRC) 2>/dev/null | cksum | cut -d' ' -f1)
$(BUILD)/obj/src/store/digest.o: $(ENGINE_SRC)
$(BUILD)/obj/src/store/digest.o: CORE_CFLAGS += -DBYLINE_ENGINE_SUM=$(ENGINE_SUM)u

run: $(BUILD)/byline
	$(BUILD)/byline articles

deps-test:
	@sh .ci/deps test

test: deps-test $(BUILD)/byline $(UNIT_BIN)
	@sh tests/run $(BUILD)

check-asan:
	$(MAKE) BUILD=build/asan SAN=1 OPT="-O1 -g" test

# The analysis in tiny windows (-DAN_WIN_TEST) must find what the usual
# build finds: tests/windows.sh compares them on every article here.
check-windows: $(BUILD)/byline
	$(MAKE) BUILD=build/win CFLAGS="$(CFLAGS) -DAN_WIN_TEST" build/win/byline
	sh tests/windows.sh build/win/byline $(BUILD)/byline

COMPDIR ?= $(PREFIX)/share/bash-completion/completions

install: $(BUILD)/byline
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(COMPDIR)
	cp $(BUILD)/byline $(DESTDIR)$(BINDIR)/byline
	chmod 755 $(DESTDIR)$(BINDIR)/byline
	cp byline.1 $(DESTDIR)$(MANDIR)/man1/byline.1
	chmod 644 $(DESTDIR)$(MANDIR)/man1/byline.1
	cp contrib/completion.bash $(DESTDIR)$(COMPDIR)/byline
	chmod 644 $(DESTDIR)$(COMPDIR)/byline

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/byline $(DESTDIR)$(MANDIR)/man1/byline.1 $(DESTDIR)$(COMPDIR)/byline

clean:
	rm -rf build

# Fuzzing (make fuzz), benchmarks (make bench) and long stress runs
# (make stress, make chaos) keep their rules next to their sources.
-include tests/fuzz/fuzz.mk
-include tests/bench/bench.mk
-include tests/stress/stress.mk

-include $(CORE_OBJ:.o=.d) $(UI_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(UNIT_BIN:=.d)
