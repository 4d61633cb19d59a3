/* fuzz-plan.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdint.h>
#include <string.h>

#include <cairo-pdf.h>

#include "bm-advisor.h"
#include "bm-fuzz.h"
#include "bm-intake-io.h"
#include "bm-plan-document.h"

static cairo_status_t
write_nowhere (void                *closure,
               const unsigned char *data,
               unsigned int         length)
{
  gsize *written = closure;

  *written += length;
  return CAIRO_STATUS_SUCCESS;
}

static void
render_pdf (BmIntake     *intake,
            const BmPlan *plan)
{
  g_autoptr(BmPlanDocument) document = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  gsize written = 0;
  double width, height;
  guint n_pages;

  bm_plan_document_get_default_page_size (&width, &height);
  document = bm_plan_document_new (intake, plan, width, height);
  n_pages = bm_plan_document_get_n_pages (document);
  g_assert_cmpuint (n_pages, >=, 1);

  surface = cairo_pdf_surface_create_for_stream (write_nowhere, &written, width, height);
  cr = cairo_create (surface);
  for (guint page = 0; page < n_pages; page++)
    {
      bm_plan_document_draw_page (document, cr, page);
      cairo_show_page (cr);
    }
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  g_assert_cmpuint (written, >, 0);
}

int
bm_fuzz_plan_one_input (const guint8 *data,
                        gsize         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(BmIntake) intake = NULL;
  g_autoptr(BmPlan) plan = NULL;
  g_autoptr(BmPlan) again = NULL;
  g_autoptr(BmPlan) copy = NULL;
  g_autofree char *json = NULL;
  g_autofree char *json_again = NULL;
  g_autofree char *json_copy = NULL;
  g_autofree char *text = NULL;
  g_autoptr(JsonParser) parser = NULL;

  intake = bm_intake_load_bytes (bytes, "fuzz.bodymap", NULL);
  if (intake == NULL)
    return 0;

  plan = bm_advise (intake);
  g_assert_nonnull (plan);

  json = bm_plan_to_json (plan);
  g_assert_true (g_utf8_validate (json, -1, NULL));
  parser = json_parser_new ();
  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));

  text = bm_plan_to_text (plan);
  g_assert_true (g_utf8_validate (text, -1, NULL));

  /* The same intake always gives the same plan, and a copy is the same */
  again = bm_advise (intake);
  json_again = bm_plan_to_json (again);
  g_assert_cmpstr (json, ==, json_again);
  copy = bm_plan_copy (plan);
  json_copy = bm_plan_to_json (copy);
  g_assert_cmpstr (json, ==, json_copy);

  /* The items plus the assessment fit in the session, unless the
   * therapist's own choices (which are final) do not */
  if (plan->session_minutes > 0)
    {
      gboolean therapist = plan->session_set_by_therapist;
      int total = plan->assessment_minutes;

      for (guint i = 0; i < plan->items->len; i++)
        {
          const BmPlanItem *item = g_ptr_array_index (plan->items, i);

          g_assert_cmpint (item->minutes, >=, 0);
          total += item->minutes;
          therapist |= item->therapist;
        }
      if (!therapist)
        g_assert_cmpint (total, <=, plan->session_minutes);
    }

  render_pdf (intake, plan);

  return 0;
}

BM_FUZZ_ENTRY_POINTS (bm_fuzz_plan_one_input)
