/* bm-settings.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The app's settings (io.github.bodymap.BodyMap), or NULL when the schema
 * is not installed, as when running from the build folder: callers then
 * keep their defaults. */
GSettings *bm_settings_new (void);

G_END_DECLS
