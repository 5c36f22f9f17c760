# govsim - build, test, benchmark.  See README.md.
#
#   make              build ./govsim
#   make deps         install missing Debian packages (as root)
#   make test         deps + build + unit tests + CLI tests + quick validation
#   make run          deps + build + the main job (govsim with no arguments:
#                     every baseline against its reforms -> results/)
#   make bench        benchmarks -> bench/results.txt
#   make check-asan   the tests under AddressSanitizer + UBSan (hot asserts on)
#   make debug        -O0 build with hot-path asserts, unit tests
#   make lint         cppcheck + clang-tidy
#   make fuzz FUZZ_SECONDS=60   libFuzzer on the scenario (text, and extreme
#                     numbers), reform and sweep loaders (and a short run
#                     of what they accept), N s each,
#                     in build-fuzz/; see docs/fuzzing.md
#   make install PREFIX=/usr/local DESTDIR=   (the binary, the bundled
#                     scenarios, the man page govsim.1, bash completion)
#   make MPI=1        build ./govsim-mpi with Open MPI (mpicc) in build-mpi/;
#                     see docs/cluster.md.  `make MPI=1 install` installs it.

PREFIX  ?= /usr/local
DESTDIR ?=
MPI     ?= 0
# The MPI build gets its own directory and binary name, so its objects never
# mix with the normal ones and `make MPI=1` never replaces ./govsim (which
# the tests run).  Without MPI=1 nothing needs MPI headers: study/runner_mpi.c
# then compiles to a single-process stand-in.
ifeq ($(MPI),1)
BUILD   ?= build-mpi
CC      := mpicc
BIN     := govsim-mpi
MPI_DEFS := -DGOVSIM_MPI
MPI_INC  = $(shell mpicc --showme:compile)
else
BIN     := govsim
MPI_DEFS :=
endif
BUILD   ?= build
CC      ?= cc
# -O3: the Heilongjiang year 3-5% faster than -O2, the M/M/1 and the x16
# run the same, every result byte-identical (ISO C: no contraction into
# fused multiply-adds).  Not -march=native: a binary for this machine
# only, and no faster on the year than -O3 here (docs/performance.md,
# "Compiler flags, session 6").
OPT     ?= -O3 -g -flto=auto -ffat-lto-objects

PKGS      := gsl igraph libconfig
# Translations (po/LANG.po), compiled into BUILD/locale (see below).
PO_LANGS  := zh_CN
MO_FILES   = $(PO_LANGS:%=$(BUILD)/locale/%/LC_MESSAGES/govsim.mo)
DEB_PKGS  := gcc make pkg-config libgsl-dev libigraph-dev libconfig-dev \
             gnuplot-nox fonts-wqy-microhei check libsubunit-dev \
             openmpi-bin libopenmpi-dev python3 clang-format clang-tidy cppcheck \
             gettext chromium libxml2-utils r-base-core python3-pandas
# (chromium: the report and animation tests load pages in it, headless;
#  libxml2-utils: xmllint checks the XES event log; both skip with a note
#  when missing; r-base-core, python3-pandas: t_tidy_files.sh reads every
#  tidy file with R and pandas, as researchers do; about 25 s to install,
#  skipped with a note when missing)

# Recursive (=) so pkg-config runs only when a compile needs it, after deps.
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS   = $(shell pkg-config --libs $(PKGS))
CHECK_LIBS = $(shell pkg-config --libs check) -lsubunit

WARN    := -std=c11 -Wall -Wextra -Werror -Wpedantic -Wshadow -Wstrict-prototypes \
           -Wmissing-prototypes -Wvla
DEFS    := -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -DGOVSIM_DATADIR='"$(PREFIX)/share/govsim"' $(MPI_DEFS) \
           -DGOVSIM_LOCALEDIR='"$(PREFIX)/share/locale"'
# Layers (docs/architecture.md): each folder sees only its own headers and
# those of the layers below it, so an upward #include does not compile.
#   base <- sim <- models <- study;  base <- output;  cli and tests see all.
INC_base   := -Ibase
INC_sim    := -Isim $(INC_base)
INC_models := -Imodels $(INC_sim)
INC_study  := -Istudy $(INC_models)
INC_output := -Ioutput $(INC_base)
INC_bench  := -Ibench $(INC_sim)
INC_all    := -Icli -Ibench -Ioutput -Istudy -Imodels -Isim -Ibase
LAYERS     := base sim models study output bench
# The include path of the folder a source file is in (tests and cli: all).
layer_inc = $(or $(INC_$(firstword $(subst /, ,$(1)))),$(INC_all))

CFLAGS_ALL = $(OPT) $(WARN) $(DEFS) -MMD -MP $(PKG_CFLAGS) $(EXTRA_CFLAGS)
LDLIBS_ALL = $(PKG_LIBS) -lm -lpthread $(EXTRA_LDFLAGS)

LIB_SRC  := $(foreach l,$(LAYERS),$(wildcard $(l)/*.c)) $(filter-out cli/main.c,$(wildcard cli/*.c))
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o)
TEST_SRC := $(wildcard tests/unit/test_*.c)
TEST_OBJ := $(TEST_SRC:%.c=$(BUILD)/%.o)

.PHONY: test-slow all deps test unit run bench check-asan debug lint install clean format format-check \
        mpi-test print-inc print-pkg-cflags fuzz fuzz-build pot
all: $(BIN)

$(BIN): $(BUILD)/govsim
	cp $< $@

$(BUILD)/govsim: $(BUILD)/cli/main.o $(BUILD)/libgovsim.a | $(MO_FILES)
	$(CC) $(OPT) -o $@ $^ $(LDLIBS_ALL)

$(BUILD)/libgovsim.a: $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $^

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(call layer_inc,$<) -c -o $@ $<

# Translations (cli/lang.h): po/LANG.po compiled into BUILD/locale, where
# the binary in a checkout finds it; `make pot` refreshes the template
# from every _() and N_() of the sources.
$(BUILD)/locale/%/LC_MESSAGES/govsim.mo: po/%.po
	@mkdir -p $(dir $@)
	msgfmt --check -o $@.tmp $<
	mv $@.tmp $@

pot:
	xgettext --from-code=UTF-8 --language=C -k_ -kN_ --add-comments=TRANSLATORS \
	    --package-name=govsim --package-version=$$(sed -n 's/^#define GOVSIM_VERSION "\(.*\)"/\1/p' cli/cli.h) \
	    -o po/govsim.pot $(sort $(wildcard base/*.c study/*.c output/*.c cli/*.c))
	msgmerge --quiet --update --backup=none po/zh_CN.po po/govsim.pot

# The unit-test runner finds its suites by name: each tests/unit/test_X.c
# defines `Suite *suite_X(void)`; no shared list to edit.
$(BUILD)/tests/suites.h: $(TEST_SRC)
	@mkdir -p $(dir $@)
	sed -n 's/^Suite \*\(suite_[a-z0-9_]*\)(void).*/SUITE(\1)/p' $(TEST_SRC) > $@.tmp
	mv $@.tmp $@

$(BUILD)/tests/main.o: tests/main.c $(BUILD)/tests/suites.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(INC_all) -I$(BUILD)/tests -c -o $@ $<

$(BUILD)/test_unit: $(BUILD)/tests/main.o $(TEST_OBJ) $(BUILD)/libgovsim.a
	$(CC) $(OPT) -o $@ $^ $(CHECK_LIBS) $(LDLIBS_ALL)

# The MPI test program needs only the MPI layer, the RNG streams and the progress reporter, so
# tests/mpi/run.sh does not wait for a whole second build of the library.
$(BUILD)/test_runner_mpi: $(BUILD)/tests/mpi/test_runner_mpi.o $(BUILD)/study/runner_mpi.o $(BUILD)/study/runner.o $(BUILD)/sim/rng.o $(BUILD)/sim/rng_zig.o $(BUILD)/sim/zig_tables.o \
                      $(BUILD)/output/out_progress.o $(BUILD)/base/clock.o
	$(CC) $(OPT) -o $@ $^ $(LDLIBS_ALL)

# For tests/layers/run.sh: the include path of LAYER, and the libraries'.
print-inc:
	@echo $(INC_$(LAYER))
print-pkg-cflags:
	@echo $(PKG_CFLAGS)

deps:
	@sh tests/deps.sh $(DEB_PKGS)

# Each step is a separate make so pkg-config is read after deps installed.
test: deps
	@$(MAKE) --no-print-directory unit

# The tests read English output: the language of whoever runs them
# (LANG=zh_CN.UTF-8, cli/lang.h) must not change it.
unit check-asan: export LC_ALL = C

unit: $(BIN) $(BUILD)/test_unit
	CK_FORK=no $(BUILD)/test_unit
	sh tests/layers/run.sh
	sh tests/cli/run.sh ./$(BIN)
	sh tests/scenarios/run_bad.sh ./$(BIN)
	sh tests/sweeps/run.sh ./$(BIN)
	sh tests/e2e/run.sh ./$(BIN)
	./$(BIN) validate --quick
	sh tests/mpi/run.sh

# The slow end-to-end checks too (the bundled Xuzhou plan under two seeds,
# several minutes): not in CI's budget, run before a release.
test-slow: deps
	@$(MAKE) --no-print-directory govsim
	GOVSIM_SLOW_TESTS=1 LC_ALL=C sh tests/e2e/run.sh ./$(BIN)

# The MPI tests alone (skipped with a message when Open MPI is missing).
mpi-test:
	sh tests/mpi/run.sh

run: deps
	@$(MAKE) --no-print-directory govsim
	./govsim

bench: deps
	@$(MAKE) --no-print-directory govsim $(BUILD)/bench-mm1-min
	BENCH_MM1_MIN=$(BUILD)/bench-mm1-min sh bench/run.sh ./govsim bench/results.txt

# The ceiling of `govsim bench mm1` (bench/min/mm1_min.c; not in the library).
$(BUILD)/bench-mm1-min: $(BUILD)/bench/min/mm1_min.o $(BUILD)/libgovsim.a
	$(CC) $(OPT) -o $@ $^ $(LDLIBS_ALL)

# Sanitizer build in its own directory so it never mixes with -O2 objects.
check-asan: deps
	@$(MAKE) --no-print-directory BUILD=build-asan OPT="-O1 -g -DGOVSIM_DEBUG -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all" \
	    build-asan/govsim build-asan/test_unit
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 LSAN_OPTIONS=suppressions=tests/lsan.supp \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 CK_FORK=no build-asan/test_unit
	GOVSIM_SKIP_SLOW=1 ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=tests/lsan.supp \
	    sh tests/cli/run.sh build-asan/govsim
	ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=tests/lsan.supp:print_suppressions=0 \
	    sh tests/scenarios/run_bad.sh build-asan/govsim
	ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=tests/lsan.supp \
	    sh tests/sweeps/run.sh build-asan/govsim
	GOVSIM_SKIP_SLOW=1 ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=tests/lsan.supp \
	    sh tests/e2e/run.sh build-asan/govsim
	ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=tests/lsan.supp \
	    build-asan/govsim validate --quick -j 2


# Hot-path invariant checks on (base/hot_assert.h), no optimisation.
debug:
	@$(MAKE) --no-print-directory BUILD=build-debug OPT="-O0 -g -DGOVSIM_DEBUG" build-debug/govsim build-debug/test_unit
	CK_FORK=no build-debug/test_unit

# libFuzzer targets (docs/fuzzing.md): the library built by clang with
# coverage and ASan+UBSan in build-fuzz/, one program per loader, a seed
# corpus copied from the bundled and test files at run time (new finds stay
# in build-fuzz/corpus/), and fuzz/run.sh, which fails on any crash, leak,
# timeout or out-of-memory.
FUZZ_SECONDS  ?= 60
FUZZ_TARGETS  := scn values reform sweep
FUZZ_DEB_PKGS := clang libclang-rt-14-dev
FUZZ_OPT      := -O1 -g -DGOVSIM_DEBUG -fno-omit-frame-pointer \
                 -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all

# (-Wno-missing-field-initializers: clang, unlike gcc, warns about
# designated initialisers that leave fields out, which the code relies on.)
fuzz:
	@sh tests/deps.sh $(DEB_PKGS) $(FUZZ_DEB_PKGS)
	@$(MAKE) --no-print-directory BUILD=build-fuzz CC=clang OPT="$(FUZZ_OPT)" \
	    EXTRA_CFLAGS=-Wno-missing-field-initializers fuzz-build
	sh fuzz/check_dict.sh
	sh fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

fuzz-build: $(FUZZ_TARGETS:%=$(BUILD)/fuzz_%)

# The harness copies its fixed files (a base scenario, reforms) from here.
$(BUILD)/fuzz/fuzz_util.o: override EXTRA_CFLAGS += -DGOVSIM_FUZZ_ROOT='"$(CURDIR)"'

$(BUILD)/fuzz_%: $(BUILD)/fuzz/fuzz_%.o $(BUILD)/fuzz/fuzz_util.o $(BUILD)/libgovsim.a
	$(CC) $(OPT) -fsanitize=fuzzer -o $@ $^ $(LDLIBS_ALL)

lint:
	cppcheck --quiet --error-exitcode=1 --enable=warning,performance,portability \
	    --std=c11 --inline-suppr --suppress=missingIncludeSystem \
	    $(INC_all) base sim models study output cli bench tests/unit tests/mpi
	clang-tidy --quiet $(wildcard base/*.c sim/*.c models/*.c study/*.c output/*.c cli/*.c bench/*.c) -- \
	    -std=c11 $(DEFS) $(MPI_INC) $(INC_all) $(PKG_CFLAGS)
	@# The MPI half of runner_mpi.c (and its test) only exists with -DGOVSIM_MPI.
	@if command -v mpicc >/dev/null 2>&1; then \
	    echo "clang-tidy (MPI): study/runner_mpi.c tests/mpi/test_runner_mpi.c"; \
	    clang-tidy --quiet study/runner_mpi.c tests/mpi/test_runner_mpi.c -- -std=c11 $(DEFS) -DGOVSIM_MPI \
	        $$(mpicc --showme:compile) $(INC_all) $(PKG_CFLAGS) || exit 1; \
	else echo "lint: mpicc not found, MPI code not checked"; fi

# Every C file of the project, for clang-format (.clang-format is the style).
FORMAT_SRC = $(wildcard base/*.[ch] sim/*.[ch] models/*.[ch] study/*.[ch] output/*.[ch] \
             cli/*.[ch] bench/*.[ch] tests/*.c tests/unit/*.[ch] tests/mpi/*.c fuzz/*.[ch])

format:
	clang-format -i $(FORMAT_SRC)

# Fails, naming the files, when any file differs from clang-format's output.
format-check:
	clang-format --dry-run --Werror $(FORMAT_SRC)

install: $(BIN)
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/$(BIN)
	install -d $(DESTDIR)$(PREFIX)/share/govsim/scenarios/reforms
	install -m 644 scenarios/*.cfg $(DESTDIR)$(PREFIX)/share/govsim/scenarios/
	install -m 644 scenarios/reforms/*.cfg $(DESTDIR)$(PREFIX)/share/govsim/scenarios/reforms/
	install -d $(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(PREFIX)/share/bash-completion/completions
	install -m 644 man/govsim.1 $(DESTDIR)$(PREFIX)/share/man/man1/govsim.1
	install -m 644 completion/govsim.bash $(DESTDIR)$(PREFIX)/share/bash-completion/completions/$(BIN)
	for l in $(PO_LANGS); do \
	    install -d $(DESTDIR)$(PREFIX)/share/locale/$$l/LC_MESSAGES && \
	    install -m 644 $(BUILD)/locale/$$l/LC_MESSAGES/govsim.mo \
	        $(DESTDIR)$(PREFIX)/share/locale/$$l/LC_MESSAGES/govsim.mo || exit 1; \
	done
	install -d $(DESTDIR)$(PREFIX)/share/govsim/scenarios/calendars
	install -m 644 scenarios/calendars/*.cfg $(DESTDIR)$(PREFIX)/share/govsim/scenarios/calendars/
	install -d $(DESTDIR)$(PREFIX)/share/govsim/scenarios/profiles
	install -m 644 scenarios/profiles/*.cfg $(DESTDIR)$(PREFIX)/share/govsim/scenarios/profiles/

clean:
	rm -rf build build-asan build-debug build-mpi build-fuzz govsim govsim-mpi

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
