/* bm-make-library.c: writes the benchmarks' made-up library to a folder,
 * to try the app with it:
 *
 *   _build-rel/bench/bm-make-library DIR [CLIENTS [VISITS]]
 *   _build-rel/app/bodymap --library DIR
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>

#include "bm-library-gen.h"

int
main (int   argc,
      char *argv[])
{
  guint clients = argc > 2 ? (guint) atoi (argv[2]) : 10000;
  guint visits = argc > 3 ? (guint) atoi (argv[3]) : clients * 5;

  if (argc < 2 || clients == 0 || visits < clients || visits > clients * 10)
    {
      g_printerr ("Usage: %s DIR [CLIENTS [VISITS]]  (DIR must not exist; CLIENTS to 10 x CLIENTS visits)\n",
                  argv[0]);
      return 2;
    }
  bm_bench_make_library (argv[1], clients, visits, 42);
  return 0;
}
