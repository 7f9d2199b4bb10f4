# nianbao: see README. `make`, `make check`, `make test`, `make demo`.
PREFIX    ?= /usr/local
BINDIR    ?= $(PREFIX)/bin
DATADIR   ?= $(PREFIX)/share/nianbao
MANPREFIX ?= $(PREFIX)/share/man
DESTDIR   ?=
PKG_CONFIG ?= pkg-config
CC        ?= cc
# Programs run during the build (tools/embed) are built for the build
# machine, which differs when cross-building (debian/rules passes it).
CC_FOR_BUILD ?= $(CC)
VERSION   := 0.2.0

# SAN=1 builds everything with AddressSanitizer + UBSan into build-san/.
ifeq ($(SAN),1)
BUILD     ?= build-san
SANFLAGS  := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
else
BUILD     ?= build
SANFLAGS  :=
endif

# The model links against these alone; only the editor (src/ui) adds curses,
# so the Check runner cannot call curses even by accident.
MODEL_PKGS := yaml-0.1 libcrypto zlib libzip xlsxwriter libxml-2.0
UI_PKGS    := ncursesw
PKG_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(MODEL_PKGS) $(UI_PKGS) 2>/dev/null)
MODEL_LIBS := $(shell $(PKG_CONFIG) --libs $(MODEL_PKGS) 2>/dev/null)
PKG_LIBS   := $(shell $(PKG_CONFIG) --libs $(UI_PKGS) 2>/dev/null) $(MODEL_LIBS)
CHECK_CFLAGS := $(shell $(PKG_CONFIG) --cflags check 2>/dev/null)
CHECK_LIBS   := $(shell $(PKG_CONFIG) --libs check 2>/dev/null)

OPT       ?= -O2 -g
CFLAGS    ?= $(OPT)
NB_CFLAGS := -std=c11 \
             -Wall -Wextra -Werror -Isrc -I$(BUILD) -DNB_VERSION='"$(VERSION)"' \
             -DNB_DATADIR='"$(DATADIR)"' $(SANFLAGS) $(CPPFLAGS) $(CFLAGS) $(PKG_CFLAGS)
NB_LDFLAGS := $(SANFLAGS) $(LDFLAGS)

ifeq ($(V),1)
Q :=
else
Q := @
endif

# Folders are layers, lowest first; a file uses only its own layer and
# those before it (tools/layers.sh checks this in make test). The Check
# runner links every layer below ui; the binary links them all.
LAYERS     := core form model io doc ui cmd
MODEL_LAYERS := core form model io doc
MODEL_SRC := $(foreach l,$(MODEL_LAYERS),$(wildcard src/$(l)/*.c))
UI_SRC    := $(wildcard src/ui/*.c) $(wildcard src/cmd/*.c)
MODEL_OBJ := $(MODEL_SRC:src/%.c=$(BUILD)/%.o) $(BUILD)/forms_builtin.o
UI_OBJ    := $(UI_SRC:src/%.c=$(BUILD)/%.o)
FORMS     := $(sort $(wildcard forms/*.yaml))
TEST_SRC  := $(wildcard tests/check_*.c)
TEST_OBJ  := $(TEST_SRC:tests/%.c=$(BUILD)/tests/%.o) $(BUILD)/tests/nbtest.o

all: nianbao

nianbao: $(BUILD)/nianbao
ifneq ($(SAN),1)
	$(Q)cp $< $@.tmp && mv -f $@.tmp $@
else
	@:
endif

$(BUILD)/nianbao: $(UI_OBJ) $(MODEL_OBJ)
	@echo "  LD      $@"
	$(Q)$(CC) $(NB_LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(BUILD)/%.o: src/%.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(NB_CFLAGS) -MMD -MP -c -o $@ $<

# Both official forms are compiled in, so one binary works with nothing installed.
$(BUILD)/embed: tools/embed.c
	@mkdir -p $(BUILD)
	$(Q)$(CC_FOR_BUILD) -O1 -o $@ $<
$(BUILD)/forms_builtin.c: $(FORMS) $(BUILD)/embed
	@echo "  EMBED   $(FORMS)"
	$(Q)$(BUILD)/embed $(FORMS) > $@.tmp && mv $@.tmp $@
$(BUILD)/forms_builtin.o: $(BUILD)/forms_builtin.c
	$(Q)$(CC) $(NB_CFLAGS) -c -o $@ $<

# Unit tests: one Check runner over every suite declared with NB_SUITE(name)
# in tests/check_*.c.
$(BUILD)/suites.h: $(TEST_SRC)
	@mkdir -p $(BUILD)
	$(Q)grep -ho 'NB_SUITE([a-z0-9_]*)' $(TEST_SRC) | sort -u > $@.tmp && mv $@.tmp $@
$(BUILD)/tests/%.o: tests/%.c $(BUILD)/suites.h
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(NB_CFLAGS) $(CHECK_CFLAGS) -Itests -DNB_SRCDIR='"$(CURDIR)"' -MMD -MP -c -o $@ $<
$(BUILD)/check_nianbao: $(BUILD)/tests/runner.o $(TEST_OBJ) $(MODEL_OBJ)
	@echo "  LD      $@"
	$(Q)$(CC) $(NB_LDFLAGS) -o $@ $^ $(CHECK_LIBS) $(MODEL_LIBS)
$(BUILD)/tests/runner.o: tests/runner.c $(BUILD)/suites.h
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(NB_CFLAGS) $(CHECK_CFLAGS) -Itests -c -o $@ $<

# check: the model tests (Check). test: everything CI runs.
check: $(BUILD)/check_nianbao nianbao
	$(Q)cd $(CURDIR) && CK_FORK=yes $(BUILD)/check_nianbao

# Form files from a directory: a province's layout, rules across tables.
check-forms: nianbao
	$(Q)NIANBAO=$(CURDIR)/$(BUILD)/nianbao sh tests/forms/run.sh
# Issue 10: every on-disk state a power cut can leave during saves and
# journal flushes, opened with the loaders (tests/check_crash.c).
check-crash: $(BUILD)/check_nianbao
	$(Q)cd $(CURDIR) && CK_RUN_SUITE=crash CK_FORK=yes CK_VERBOSITY=normal $(BUILD)/check_nianbao

check-screen: nianbao
	$(Q)NIANBAO=$(CURDIR)/$(BUILD)/nianbao sh tests/screen/run.sh

# The command line read by what its readers use (JSON by python3).
check-cli: nianbao
	$(Q)NIANBAO=$(CURDIR)/$(BUILD)/nianbao sh tests/cli/run.sh

check-fault: nianbao
	$(Q)NIANBAO=$(CURDIR)/$(BUILD)/nianbao sh tests/fault/run.sh

# Export formats opened as their readers open them (Chromium, its PDF
# printer, html5lib, tidy) and golden text/csv files.
check-export: nianbao
	$(Q)NIANBAO=$(CURDIR)/$(BUILD)/nianbao sh tests/export/run.sh
# The docx and xlsx exports opened as their readers open them (LibreOffice,
# python-docx, openpyxl).
check-export-office: nianbao
	$(Q)NIANBAO=$(CURDIR)/$(BUILD)/nianbao sh tests/export_office/run.sh
# Published reports (fixtures per quirk, the seed, errors, hostile pages).
check-import: nianbao
	$(Q)NIANBAO=$(CURDIR)/$(BUILD)/nianbao sh tests/import/run.sh
# The 图解 read by an XML parser and drawn by headless Chromium.
check-export-graphic: nianbao
	$(Q)NIANBAO=$(CURDIR)/$(BUILD)/nianbao sh tests/export_graphic/run.sh

# Other YAML readers (PyYAML; js-yaml where node has it) read the same values.
check-interop: nianbao
	$(Q)NIANBAO=$(CURDIR)/$(BUILD)/nianbao /usr/bin/python3 tests/interop/pyyaml_roundtrip.py

check-valgrind: $(BUILD)/check_nianbao
	$(Q)CK_FORK=no valgrind -q --error-exitcode=99 --leak-check=full \
	  --errors-for-leak-kinds=definite $(BUILD)/check_nianbao

check-san:
	$(Q)$(MAKE) --no-print-directory SAN=1 check check-forms check-screen check-fault

# The two commands of the README.
deps:
	$(Q)sh tools/deps.sh
# Each runner ends with its own summary line; the last is Check's.
test: deps
	$(Q)$(MAKE) --no-print-directory all
	$(Q)$(MAKE) --no-print-directory check-layers
	$(Q)$(MAKE) --no-print-directory check-cli
	$(Q)$(MAKE) --no-print-directory lint-man
	$(Q)$(MAKE) --no-print-directory check-interop
	$(Q)$(MAKE) --no-print-directory check-fuzz-corpus
	$(Q)$(MAKE) --no-print-directory check-forms
	$(Q)$(MAKE) --no-print-directory check-screen
	$(Q)$(MAKE) --no-print-directory check-fault
	$(Q)$(MAKE) --no-print-directory check-export
	$(Q)$(MAKE) --no-print-directory check-export-office
	$(Q)$(MAKE) --no-print-directory check-import
	$(Q)$(MAKE) --no-print-directory check-export-graphic
	$(Q)$(MAKE) --no-print-directory check-crash
	$(Q)$(MAKE) --no-print-directory check-san
	$(Q)$(MAKE) --no-print-directory check-valgrind
	$(Q)$(MAKE) --no-print-directory check-deb
	$(Q)$(MAKE) --no-print-directory check-arm64
	$(Q)$(MAKE) --no-print-directory check
# The demo edits a copy, so the sample in the repository stays as shipped.
demo: deps
	$(Q)$(MAKE) --no-print-directory all
	$(Q)mkdir -p build && [ -f build/demo-2021.yaml ] || cp sample-data/city-2021.yaml build/demo-2021.yaml
	./nianbao build/demo-2021.yaml

# Each file includes only headers of its own layer or lower ones, only
# src/ui includes curses, and the Check runner has no curses symbol.
check-layers: $(BUILD)/check_nianbao
	$(Q)sh tools/layers.sh $(BUILD)/check_nianbao $(LAYERS)

MAN_ZH := man/zh_CN/nianbao.1 man/zh_CN/nianbao-report.5 man/zh_CN/nianbao-form.5
lint-man:
	$(Q)mandoc -Tlint -W warning man/*.[0-9] $(MAN_ZH) && echo "man pages: mandoc -Tlint clean"

# The KEYS section of both manuals from the actions table (the Check
# suites fail when they drift).
man-keys: nianbao
	$(Q)sh tools/mankeys.sh ./nianbao

# Debian packages into build/deb/: this machine's architecture, and arm64
# cross-built (DEB_ARCHES to choose). check-deb installs, runs and removes
# the native one; check-arm64 runs the arm64 build under qemu-user.
DEB_ARCHES ?= $(shell dpkg --print-architecture 2>/dev/null) arm64
deb:
	$(Q)sh tools/deb.sh $(sort $(DEB_ARCHES))

check-deb: nianbao
	$(Q)sh tests/deb/run.sh

check-arm64: nianbao
	$(Q)sh tests/arm64/run.sh

bench: nianbao
	$(Q)sh bench/run.sh
	$(Q)sh bench/editor.sh
	$(Q)sh bench/import.sh
	$(Q)sh bench/export.sh
	$(Q)sh bench/review.sh
	$(Q)sh bench/queue.sh

fuzz:
	$(Q)$(MAKE) --no-print-directory -f fuzz/Makefile run

# Every fuzz corpus input once more through its harness, as a regression test.
check-fuzz-corpus:
	$(Q)$(MAKE) --no-print-directory -f fuzz/Makefile replay

install: nianbao
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/forms \
	  $(DESTDIR)$(MANPREFIX)/man1 $(DESTDIR)$(MANPREFIX)/man5
	install -m 755 nianbao $(DESTDIR)$(BINDIR)/nianbao
	install -m 644 $(FORMS) $(DESTDIR)$(DATADIR)/forms/
	install -m 644 man/nianbao.1 $(DESTDIR)$(MANPREFIX)/man1/
	install -m 644 man/nianbao-report.5 man/nianbao-form.5 $(DESTDIR)$(MANPREFIX)/man5/
	install -d $(DESTDIR)$(MANPREFIX)/zh_CN/man1 $(DESTDIR)$(MANPREFIX)/zh_CN/man5
	install -m 644 man/zh_CN/nianbao.1 $(DESTDIR)$(MANPREFIX)/zh_CN/man1/
	install -m 644 man/zh_CN/nianbao-report.5 man/zh_CN/nianbao-form.5 \
	  $(DESTDIR)$(MANPREFIX)/zh_CN/man5/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/nianbao $(DESTDIR)$(MANPREFIX)/man1/nianbao.1 \
	  $(DESTDIR)$(MANPREFIX)/man5/nianbao-report.5 $(DESTDIR)$(MANPREFIX)/man5/nianbao-form.5 \
	  $(DESTDIR)$(MANPREFIX)/zh_CN/man1/nianbao.1 \
	  $(DESTDIR)$(MANPREFIX)/zh_CN/man5/nianbao-report.5 \
	  $(DESTDIR)$(MANPREFIX)/zh_CN/man5/nianbao-form.5
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build build-san build-arm64 nianbao

.PHONY: all check check-layers check-cli check-screen check-fault check-export check-valgrind check-san check-interop check-fuzz-corpus deps test demo check-export-office check-forms check-import check-export-graphic check-crash \
        lint-man bench fuzz install uninstall clean man-keys deb check-deb check-arm64

-include $(wildcard $(BUILD)/*.d $(BUILD)/*/*.d $(BUILD)/*/*/*.d)
