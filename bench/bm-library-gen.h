/* bm-library-gen.h: a clinic library made up for the benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Writes a library of @n_clients clients with @n_visits visits in all
 * (1 to 10 each) into @dir, which must not exist yet: client.json and
 * version 2 visit files as Body Map writes them, folders 0700, files
 * 0600. The same @seed gives the same library. Progress goes to stderr. */
void bm_bench_make_library (const char *dir,
                            guint       n_clients,
                            guint       n_visits,
                            guint32     seed);

G_END_DECLS
