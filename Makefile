# storyline: plain Makefile, dependencies through pkg-config (see deps.txt).
#
#   make            library (static + shared), the storyline binary, storyline.pc
#   make test       unit, golden and end-to-end tests
#   make asan       the same tests under AddressSanitizer + UBSan (build-asan/)
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
BENCH_SRC := $(sort $(wildcard bench/*.c))
BENCH_BIN := $(BENCH_SRC:bench/%.c=$(BUILD)/bench/%)

STATIC  := $(BUILD)/libstoryline.a
SHARED  := $(BUILD)/libstoryline.so
BIN     := $(BUILD)/storyline
PC      := $(BUILD)/storyline.pc

.PHONY: all test unit e2e asan bench install clean fuzz leakcheck
all: $(STATIC) $(SHARED) $(BIN) $(PC)

$(BUILD)/%.o: %.c $(wildcard src/*.h) include/storyline.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c $< -o $@

$(STATIC): $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(SHARED): $(LIB_OBJ)
	$(CC) -shared -Wl,-soname,libstoryline.so.0 -o $@ $^ $(LDFLAGS) $(PKG_LIBS)

$(BIN): $(CLI_OBJ) $(STATIC)
	$(CC) -o $@ $(CLI_OBJ) $(STATIC) $(LDFLAGS) $(PKG_LIBS)

$(PC): storyline.pc.in
	@mkdir -p $(BUILD)
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@VERSION@|0.1.0|' \
	    -e 's|@REQUIRES@|$(PKGS)|' -e 's|@LIBS@|$(RAWLIBS)|' $< > $@

$(BUILD)/tests/%: tests/unit/%.c $(STATIC) tests/unit/harness.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(shell pkg-config --cflags cmocka) -Itests/unit -o $@ $< $(STATIC) \
	    $(LDFLAGS) $(PKG_LIBS) $(shell pkg-config --libs cmocka)

$(BUILD)/bench/%: bench/%.c $(STATIC)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $< $(STATIC) $(LDFLAGS) $(PKG_LIBS)

# Unit tests, then golden and end-to-end tests (tests/run.sh reads BUILD).
test: all $(TEST_BIN)
	@BUILD=$(BUILD) sh tests/run.sh $(TEST_BIN)

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
	install -m 644 $(PC) $(DESTDIR)$(PREFIX)/lib/pkgconfig/storyline.pc
	install -m 644 include/storyline.h $(DESTDIR)$(PREFIX)/include/storyline.h
	install -m 644 docs/storyline.1 $(DESTDIR)$(PREFIX)/share/man/man1/storyline.1

clean:
	rm -rf build build-asan
