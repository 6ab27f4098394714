# storyline: plain Makefile, dependencies through pkg-config (see deps.txt).
#
#   make            library (static + shared), the storyline binary, storyline.pc
#   make test       unit, golden and end-to-end tests
#   make asan       the same tests under AddressSanitizer + UBSan (build-asan/)
#   make leakcheck  the end-to-end CLI tests under valgrind
#   make fuzz       libFuzzer targets, FUZZ_TIME seconds each (clang)
#   make bench      benchmarks (figures to BENCHMARKS.md)
#   make install PREFIX=/usr/local

PREFIX  ?= /usr/local
BUILD   ?= build
CC      ?= cc
OPT     ?= -O2 -g
SANFLAGS ?=

# Modules from deps.txt: column 2 is a pkg-config name, or "-name" for a
# library without one, or "-" for a tool.
PKGS     := $(shell awk '!/^\#/ && NF>=2 && $$2 != "-" && $$2 !~ /^-/ && $$2 != "cmocka" {print $$2}' deps.txt)
RAWLIBS  := $(shell awk '!/^\#/ && NF>=2 && $$2 ~ /^-./ {print "-l" substr($$2,2)}' deps.txt)
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS))
PKG_LIBS   := $(shell pkg-config --libs $(PKGS)) $(RAWLIBS) -lpthread -lm

CFLAGS  += -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -fPIC $(OPT) $(SANFLAGS) \
           -Iinclude -Isrc $(PKG_CFLAGS)
LDFLAGS += $(SANFLAGS)

LIB_SRC  := $(sort $(wildcard src/*.c))
CLI_SRC  := $(sort $(wildcard cli/*.c))
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ  := $(CLI_SRC:%.c=$(BUILD)/%.o)
TEST_SRC := $(sort $(wildcard tests/unit/test_*.c))
TEST_BIN := $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)
FUZZ_SRC := $(sort $(wildcard tests/fuzz/fuzz_*.c))
REPLAY_BIN := $(FUZZ_SRC:tests/fuzz/%.c=$(BUILD)/fuzz/%)
BENCH_SRC := $(sort $(wildcard bench/*.c))
BENCH_BIN := $(BENCH_SRC:bench/%.c=$(BUILD)/bench/%)

STATIC  := $(BUILD)/libstoryline.a
SHARED  := $(BUILD)/libstoryline.so
BIN     := $(BUILD)/storyline
PC      := $(BUILD)/storyline.pc

.PHONY: all test asan bench install clean fuzz fuzz-merge leakcheck
all: $(STATIC) $(SHARED) $(BIN) $(PC)

$(BUILD)/%.o: %.c $(wildcard src/*.h) include/storyline.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c $< -o $@

# The web page's files are embedded into web_assets.o (.incbin).
$(BUILD)/src/web_assets.o: $(wildcard src/web/*)

$(STATIC): $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(SHARED): $(LIB_OBJ)
	$(CC) -shared -Wl,-soname,libstoryline.so.0 -o $@ $^ $(LDFLAGS) $(PKG_LIBS)

$(BIN): $(CLI_OBJ) $(STATIC)
	$(CC) -o $@ $(CLI_OBJ) $(STATIC) $(LDFLAGS) $(PKG_LIBS)

# storyline.pc for PREFIX (install writes it again for the PREFIX it is given).
PC_SED = sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@VERSION@|0.1.0|' \
	    -e 's|@REQUIRES@|$(PKGS)|' -e 's|@LIBS@|$(RAWLIBS)|'
$(PC): storyline.pc.in
	@mkdir -p $(BUILD)
	$(PC_SED) $< > $@

$(BUILD)/tests/%: tests/unit/%.c $(STATIC) $(wildcard tests/unit/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(shell pkg-config --cflags cmocka) -Itests/unit -o $@ $< $(STATIC) \
	    $(LDFLAGS) $(PKG_LIBS) $(shell pkg-config --libs cmocka)

$(BUILD)/bench/%: bench/%.c $(STATIC)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $< $(STATIC) $(LDFLAGS) $(PKG_LIBS)

# Fuzz targets built with the ordinary compiler and a replay main, so that
# `make test` replays the fuzz corpora (tests/fuzz/corpus/<target>/) as
# regression tests.
$(BUILD)/fuzz/%: tests/fuzz/%.c tests/fuzz/replay.c $(STATIC)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $< tests/fuzz/replay.c $(STATIC) $(LDFLAGS) $(PKG_LIBS)

# Unit tests, then golden and end-to-end tests (tests/run.sh reads BUILD).
test: all $(TEST_BIN) $(REPLAY_BIN)
	@BUILD=$(BUILD) sh tests/run.sh $(TEST_BIN)

# The end-to-end CLI tests with every storyline run under valgrind
# (definite leaks and memory errors fail the test).
leakcheck: all
	@BUILD=$(BUILD) SL_VALGRIND=1 sh tests/run.sh

# libFuzzer (clang): builds every tests/fuzz/fuzz_*.c against an
# instrumented library in build-fuzz/ and runs each for FUZZ_TIME seconds
# on its corpus (new inputs are added to the corpus; minimise with
# `make fuzz-merge`).
FUZZ_TIME ?= 60
FUZZ_CC ?= clang
fuzz:
	$(MAKE) BUILD=build-fuzz CC=$(FUZZ_CC) OPT="-O1 -g" \
	    SANFLAGS="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all" build-fuzz/libstoryline.a
	@for f in $(FUZZ_SRC); do \
	    t=$$(basename $$f .c); \
	    $(FUZZ_CC) -std=c11 -D_GNU_SOURCE -O1 -g -Iinclude -Isrc $(PKG_CFLAGS) \
	        -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -o build-fuzz/$$t $$f build-fuzz/libstoryline.a \
	        $(PKG_LIBS) || exit 1; \
	    mkdir -p tests/fuzz/corpus/$$t; \
	    dict=""; [ -f tests/fuzz/$$t.dict ] && dict="-dict=tests/fuzz/$$t.dict"; \
	    echo "== $$t ($(FUZZ_TIME) s)"; \
	    build-fuzz/$$t $$dict -max_total_time=$(FUZZ_TIME) -rss_limit_mb=2048 -timeout=10 \
	        -print_final_stats=1 tests/fuzz/corpus/$$t || exit 1; \
	done

fuzz-merge:
	@for f in $(FUZZ_SRC); do t=$$(basename $$f .c); mkdir -p build-fuzz/min/$$t; \
	    build-fuzz/$$t -merge=1 build-fuzz/min/$$t tests/fuzz/corpus/$$t && \
	    rm -rf tests/fuzz/corpus/$$t && mv build-fuzz/min/$$t tests/fuzz/corpus/$$t; done

asan:
	$(MAKE) BUILD=build-asan OPT="-O1 -g -fno-omit-frame-pointer" \
	    SANFLAGS="-fsanitize=address,undefined -fno-sanitize-recover=all" test

bench: all $(BENCH_BIN)
	@BUILD=$(BUILD) sh bench/run.sh

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib/pkgconfig \
	    $(DESTDIR)$(PREFIX)/include $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/storyline
	install -m 644 $(STATIC) $(DESTDIR)$(PREFIX)/lib/libstoryline.a
	install -m 755 $(SHARED) $(DESTDIR)$(PREFIX)/lib/libstoryline.so.0
	ln -sf libstoryline.so.0 $(DESTDIR)$(PREFIX)/lib/libstoryline.so
	$(PC_SED) storyline.pc.in > $(DESTDIR)$(PREFIX)/lib/pkgconfig/storyline.pc
	install -m 644 include/storyline.h $(DESTDIR)$(PREFIX)/include/storyline.h
	install -m 644 docs/storyline.1 $(DESTDIR)$(PREFIX)/share/man/man1/storyline.1

clean:
	rm -rf build build-asan build-fuzz
