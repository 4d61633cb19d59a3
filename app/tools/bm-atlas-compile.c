/* bm-atlas-compile.c: the build's compiler of the body atlas
 *
 * bm-atlas-compile ATLAS.json OUT
 *
 * Reads the atlas as the app reads any atlas file (with its checks: a
 * broken atlas fails the build, naming the file and the problem) and
 * writes the compiled form that the built-in atlas is loaded from
 * (bm-atlas-default.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>

#include "bm-atlas.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GMappedFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(BmAtlas) atlas = NULL;
  g_autoptr(GVariant) compiled = NULL;

  if (argc != 3)
    {
      g_printerr ("Usage: %s ATLAS.json OUT\n", argv[0]);
      return 2;
    }

  if (!(file = g_mapped_file_new (argv[1], FALSE, &error)))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  bytes = g_mapped_file_get_bytes (file);
  if (!(atlas = bm_atlas_new_from_bytes (bytes, &error)))
    {
      g_printerr ("%s: %s\n", argv[1], error->message);
      return 1;
    }

  compiled = bm_atlas_compile (atlas);
  if (!g_file_set_contents (argv[2], g_variant_get_data (compiled), g_variant_get_size (compiled), &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  return 0;
}
