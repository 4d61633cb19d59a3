# Body Map: the two commands of the README.
#   make run    install what is missing, build, start the app
#   make test   install what is missing, build, run every test
# Packages come from apt (Debian 12 / Ubuntu 22.04 or newer), with sudo
# when not root.

BUILDDIR ?= _build

BUILD_DEPS = meson ninja-build pkg-config gcc gettext \
	libglib2.0-dev libglib2.0-dev-bin libgtk-4-dev libadwaita-1-dev \
	libjson-glib-dev libcairo2-dev libpango1.0-dev fonts-cantarell \
	libgtk-4-bin desktop-file-utils shared-mime-info
TEST_DEPS = xvfb xauth xdotool libgtk-4-bin desktop-file-utils appstream poppler-utils python3 \
	flatpak-builder

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps test-deps build run test bench clean

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

run: build
	GSETTINGS_SCHEMA_DIR=$(BUILDDIR)/resources $(BUILDDIR)/app/bodymap

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

bench: build
	$(BUILDDIR)/bench/bm-bench

clean:
	rm -rf $(BUILDDIR)
