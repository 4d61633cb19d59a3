# Body Map: the two commands of the README.
#   make run    install what is missing, build, start the app
#   make test   install what is missing, build, run every test
#   make test-asan      the same tests built with AddressSanitizer and
#                       UndefinedBehaviorSanitizer (and LeakSanitizer on the
#                       core tests), in _build-asan
#   make test-valgrind  the core tests under valgrind: no definite leaks
# Packages come from apt (Debian 12 / Ubuntu 22.04 or newer), with sudo
# when not root.

BUILDDIR ?= _build
ASAN_BUILDDIR ?= _build-asan

BUILD_DEPS = meson ninja-build pkg-config gcc gettext \
	libglib2.0-dev libglib2.0-dev-bin libgtk-4-dev libadwaita-1-dev \
	libjson-glib-dev libcairo2-dev libpango1.0-dev fonts-cantarell \
	libgtk-4-bin desktop-file-utils shared-mime-info
TEST_DEPS = xvfb xauth xdotool libgtk-4-bin desktop-file-utils appstream poppler-utils python3 \
	flatpak-builder dbus at-spi2-core

VALGRIND_DEPS = valgrind

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps test-deps build run test test-asan test-valgrind bench clean

all: build

# Installs only what dpkg does not already have
define install_missing
	@missing=""; \
	for p in $(1); do \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  $(SUDO) apt-get update -q && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $$missing; \
	fi
endef

deps:
	$(call install_missing,$(BUILD_DEPS))

test-deps: deps
	$(call install_missing,$(TEST_DEPS))

$(BUILDDIR)/build.ninja:
	meson setup $(BUILDDIR) --buildtype=debugoptimized

build: deps $(BUILDDIR)/build.ninja
	meson compile -C $(BUILDDIR)

# The build's own translations (po/<lang>/LC_MESSAGES/bodymap.mo), not
# only the installed ones
run: build
	GSETTINGS_SCHEMA_DIR=$(BUILDDIR)/resources BODYMAP_LOCALEDIR=$(abspath $(BUILDDIR))/po \
	  $(BUILDDIR)/app/bodymap

# GUI tests need a display: the whole suite runs under xvfb-run, and the
# core tests unset DISPLAY themselves (tests/meson.build).
test: test-deps $(BUILDDIR)/build.ninja
	meson compile -C $(BUILDDIR)
	@xvfb-run -a -s "-screen 0 1280x1024x24" \
	  meson test -C $(BUILDDIR) --print-errorlogs --no-rebuild > $(BUILDDIR)/test-output.txt 2>&1; \
	  status=$$?; \
	  tail -n 40 $(BUILDDIR)/test-output.txt; \
	  python3 tests/summarize.py $(BUILDDIR)/meson-logs/testlog.json || status=1; \
	  exit $$status

# Every test again, built with ASan and UBSan: the first report aborts the
# test. Leaks are checked (LSan) on the core tests only: GTK, fontconfig and
# the X server's libraries keep memory on purpose (tests/lsan.supp).
$(ASAN_BUILDDIR)/build.ninja:
	meson setup $(ASAN_BUILDDIR) -Db_sanitize=address,undefined -Dbuildtype=debug

test-asan: test-deps $(ASAN_BUILDDIR)/build.ninja
	meson compile -C $(ASAN_BUILDDIR)
	@status=0; \
	  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1; \
	  ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 xvfb-run -a -s "-screen 0 1280x1024x24" \
	    meson test -C $(ASAN_BUILDDIR) --print-errorlogs --no-rebuild --timeout-multiplier 3 \
	    --no-suite core > $(ASAN_BUILDDIR)/test-output.txt 2>&1 || status=1; \
	  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	  LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	    meson test -C $(ASAN_BUILDDIR) --print-errorlogs --no-rebuild --timeout-multiplier 3 \
	    --suite core --logbase testlog-core >> $(ASAN_BUILDDIR)/test-output.txt 2>&1 || status=1; \
	  tail -n 40 $(ASAN_BUILDDIR)/test-output.txt; \
	  python3 tests/summarize.py $(ASAN_BUILDDIR)/meson-logs/testlog.json \
	    $(ASAN_BUILDDIR)/meson-logs/testlog-core.json || status=1; \
	  exit $$status

# The core tests (C, no display) under memcheck, about 2 minutes on 2 cores;
# meson names the log after the wrapper: testlog-valgrind.json
VALGRIND = valgrind --leak-check=full --errors-for-leak-kinds=definite --error-exitcode=1 \
	--num-callers=30 --suppressions=$(CURDIR)/tests/valgrind.supp

test-valgrind: test-deps $(BUILDDIR)/build.ninja
	$(call install_missing,$(VALGRIND_DEPS))
	meson compile -C $(BUILDDIR)
	@tests=$$(meson test -C $(BUILDDIR) --list --suite core 2>/dev/null | sed -n 's|.* / \(test-.*\)$$|\1|p'); \
	  G_SLICE=always-malloc meson test -C $(BUILDDIR) --print-errorlogs --no-rebuild \
	    --timeout-multiplier 10 --wrapper "$(VALGRIND)" $$tests \
	    > $(BUILDDIR)/test-valgrind-output.txt 2>&1; \
	  status=$$?; \
	  tail -n 40 $(BUILDDIR)/test-valgrind-output.txt; \
	  python3 tests/summarize.py $(BUILDDIR)/meson-logs/testlog-valgrind.json || status=1; \
	  exit $$status

# Figures from a release build; start-up needs a display, hence Xvfb
BENCHDIR ?= _build-rel
bench: test-deps
	[ -f $(BENCHDIR)/build.ninja ] || meson setup $(BENCHDIR) --buildtype=release
	meson compile -C $(BENCHDIR)
	xvfb-run -a -s "-screen 0 1280x1024x24" $(BENCHDIR)/bench/bm-bench

clean:
	rm -rf $(BUILDDIR) $(ASAN_BUILDDIR)
