/* bm-atlas-default.c: the atlas built into the app
 *
 * The build compiles resources/atlas/atlas.json (bm-atlas-compile) into
 * the form bm_atlas_new_from_compiled() reads without parsing: starting
 * up then reads the paths and their flattened outlines as they are,
 * where parsing the JSON took about 6 ms of the first frame.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bm-atlas"

#include "config.h"

#include <gio/gio.h>

#include "bm-atlas.h"

#define COMPILED_RESOURCE "/io/github/bodymap/BodyMap/atlas/atlas.compiled"
#define BODIES_RESOURCE "/io/github/bodymap/BodyMap/atlas/bodies.json"

GResource *bm_core_get_resource (void);

static BmAtlas *default_atlas;

static GBytes *
lookup_resource (const char *path,
                 const char *what)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes;

  g_assert (bm_core_get_resource () != NULL);
  bytes = g_resources_lookup_data (path, 0, &error);
  if (bytes == NULL)
    g_error ("The built-in %s is missing: %s", what, error->message);
  return bytes;
}

static BmAtlas *
load_default (void)
{
  g_autoptr(GBytes) compiled = lookup_resource (COMPILED_RESOURCE, "body atlas");
  g_autoptr(GBytes) bodies = lookup_resource (BODIES_RESOURCE, "list of body outlines");
  /* Made by the build from the atlas's JSON, which the build checked */
  g_autoptr(GVariant) variant = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE (BM_ATLAS_COMPILED_TYPE),
                                                                            compiled, TRUE));
  g_autoptr(GError) error = NULL;
  BmAtlas *atlas = bm_atlas_new_from_compiled (variant, &error);

  if (atlas == NULL)
    g_error ("The built-in body atlas is broken: %s", error->message);
  if (!bm_atlas_load_bodies (atlas, bodies, &error))
    g_error ("The built-in list of body outlines is broken: %s", error->message);
  return atlas;
}

BmAtlas *
bm_atlas_get_default (void)
{
  if (g_once_init_enter (&default_atlas))
    g_once_init_leave (&default_atlas, load_default ());

  return default_atlas;
}
