/* test-mark-editor.c: the mark editor, as the client uses it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "bm-mark-editor.h"

#include "bm-test-gui.h"

typedef struct
{
  GtkWidget *window;
  GtkWidget *anchor;
  BmMarkEditor *editor;
  BmIntake *intake;
} Fixture;

static void
collect (GtkWidget *root,
         GType      type,
         GPtrArray *found)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        g_ptr_array_add (found, child);
      collect (child, type, found);
    }
}

/* The @nth widget of @type inside @root, depth first */
static GtkWidget *
find_by_type (GtkWidget *root,
              GType      type,
              guint      nth)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  collect (root, type, found);
  return nth < found->len ? g_ptr_array_index (found, nth) : NULL;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const BmRegion *calf = bm_atlas_lookup (bm_atlas_get_default (), "calf");
  g_autoptr(BmMark) mark = bm_mark_new ("calf", BM_SIDE_LEFT, 6, BM_SYMPTOM_TIGHT, "after long runs");

  f->intake = bm_intake_new ();
  bm_intake_set_mark (f->intake, mark, FALSE);
  bm_intake_clear_history (f->intake);
  f->window = gtk_window_new ();
  f->anchor = gtk_button_new_with_label ("Anchor");
  gtk_window_set_child (GTK_WINDOW (f->window), f->anchor);
  f->editor = BM_MARK_EDITOR (bm_mark_editor_new ());
  gtk_widget_set_parent (GTK_WIDGET (f->editor), f->anchor);
  gtk_window_present (GTK_WINDOW (f->window));
  bm_mark_editor_edit (f->editor, f->intake, calf, BM_SIDE_LEFT);
  gtk_popover_popup (GTK_POPOVER (f->editor));
  bm_test_run_for (50);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_widget_unparent (GTK_WIDGET (f->editor));
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->intake);
  bm_test_iterate ();
}

/* It shows the mark: the area, how bad, what it feels like, the note */
static void
test_shows_mark (Fixture       *f,
                 gconstpointer  data)
{
  GtkLabel *title = GTK_LABEL (find_by_type (GTK_WIDGET (f->editor), GTK_TYPE_LABEL, 0));
  GtkRange *scale = GTK_RANGE (find_by_type (GTK_WIDGET (f->editor), GTK_TYPE_SCALE, 0));
  GtkEditable *note = GTK_EDITABLE (find_by_type (GTK_WIDGET (f->editor), GTK_TYPE_ENTRY, 0));
  GtkToggleButton *tight = GTK_TOGGLE_BUTTON (find_by_type (GTK_WIDGET (f->editor), GTK_TYPE_TOGGLE_BUTTON, 0));
  GtkToggleButton *sore = GTK_TOGGLE_BUTTON (find_by_type (GTK_WIDGET (f->editor), GTK_TYPE_TOGGLE_BUTTON, 1));

  g_assert_cmpstr (gtk_label_get_label (title), ==, "Left calf");
  g_assert_cmpfloat (gtk_range_get_value (scale), ==, 6);
  g_assert_cmpfloat (gtk_adjustment_get_upper (gtk_range_get_adjustment (scale)), ==, BM_SEVERITY_MAX);
  g_assert_true (gtk_toggle_button_get_active (tight));
  g_assert_false (gtk_toggle_button_get_active (sore));
  g_assert_cmpstr (gtk_editable_get_text (note), ==, "after long runs");
  /* Screen readers hear what each symptom button is */
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (tight), GTK_ACCESSIBLE_PROPERTY_LABEL, "Tight");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (find_by_type (GTK_WIDGET (f->editor), GTK_TYPE_ENTRY, 0)),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Note");
}

/* Each change goes to the intake; a slider drag is one undo step */
static void
test_edits (Fixture       *f,
            gconstpointer  data)
{
  GtkRange *scale = GTK_RANGE (find_by_type (GTK_WIDGET (f->editor), GTK_TYPE_SCALE, 0));
  GtkToggleButton *knot = GTK_TOGGLE_BUTTON (find_by_type (GTK_WIDGET (f->editor), GTK_TYPE_TOGGLE_BUTTON, 2));
  GtkEditable *note = GTK_EDITABLE (find_by_type (GTK_WIDGET (f->editor), GTK_TYPE_ENTRY, 0));
  const BmMark *mark;

  gtk_range_set_value (scale, 7);
  gtk_range_set_value (scale, 8);
  mark = bm_intake_get_mark (f->intake, "calf", BM_SIDE_LEFT);
  g_assert_cmpint (mark->severity, ==, 8);
  bm_intake_undo (f->intake);
  g_assert_cmpint (bm_intake_get_mark (f->intake, "calf", BM_SIDE_LEFT)->severity, ==, 6);
  /* The editor follows the undo */
  g_assert_cmpfloat (gtk_range_get_value (scale), ==, 6);

  gtk_toggle_button_set_active (knot, TRUE);
  g_assert_cmpint (bm_intake_get_mark (f->intake, "calf", BM_SIDE_LEFT)->symptoms, ==,
                   BM_SYMPTOM_TIGHT | BM_SYMPTOM_KNOT);
  gtk_editable_set_text (note, "worse uphill");
  g_assert_cmpstr (bm_intake_get_mark (f->intake, "calf", BM_SIDE_LEFT)->note, ==, "worse uphill");
}

/* Unmark removes the mark and closes; so does an undo that removes it */
static void
test_unmark (Fixture       *f,
             gconstpointer  data)
{
  GtkWidget *unmark = NULL;

  for (guint i = 0; (unmark = find_by_type (GTK_WIDGET (f->editor), GTK_TYPE_BUTTON, i)); i++)
    if (!GTK_IS_TOGGLE_BUTTON (unmark) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (unmark)), "_Unmark") == 0)
      break;
  g_assert_nonnull (unmark);
  g_signal_emit_by_name (unmark, "clicked");
  g_assert_null (bm_intake_get_mark (f->intake, "calf", BM_SIDE_LEFT));
  bm_test_run_for (50);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (f->editor)));
}

static void
test_intake_replaced (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(BmIntake) other = bm_intake_new ();
  g_autoptr(BmMark) mark = bm_mark_new ("calf", BM_SIDE_LEFT, 2, BM_SYMPTOM_SORE, NULL);
  GtkRange *scale = GTK_RANGE (find_by_type (GTK_WIDGET (f->editor), GTK_TYPE_SCALE, 0));

  bm_intake_set_mark (other, mark, FALSE);
  bm_mark_editor_edit (f->editor, other, bm_atlas_lookup (bm_atlas_get_default (), "calf"), BM_SIDE_LEFT);
  g_assert_cmpfloat (gtk_range_get_value (scale), ==, 2);
  /* The first intake no longer reaches the editor */
  bm_intake_remove_mark (f->intake, "calf", BM_SIDE_LEFT);
  g_assert_cmpfloat (gtk_range_get_value (scale), ==, 2);
  gtk_range_set_value (scale, 3);
  g_assert_cmpint (bm_intake_get_mark (other, "calf", BM_SIDE_LEFT)->severity, ==, 3);
}

/* It fits a window of 360 px, the narrowest the window goes, with room for
 * the popover's arrow and shadow: no fixed width, and the symptom chips
 * wrap to fewer a line */
static void
test_fits_360 (Fixture       *f,
               gconstpointer  data)
{
  GtkWidget *content = gtk_popover_get_child (GTK_POPOVER (f->editor));
  int popover_min, content_min, request;

  gtk_widget_measure (GTK_WIDGET (f->editor), GTK_ORIENTATION_HORIZONTAL, -1, &popover_min, NULL, NULL, NULL);
  gtk_widget_measure (content, GTK_ORIENTATION_HORIZONTAL, -1, &content_min, NULL, NULL, NULL);
  g_test_message ("popover %d, content %d", popover_min, content_min);
  g_assert_cmpint (popover_min, <=, 360 - 2 * 12);
  gtk_widget_get_size_request (content, &request, NULL);
  g_assert_cmpint (request, ==, -1);
}

/* Tab through the editor: each symptom chip is one stop, and nothing
 * takes the focus that does nothing with it */
static void
test_one_tab_per_chip (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) stops = NULL;
  guint chips = 0;

  bm_test_run_for (100);
  stops = bm_test_tab_stops (GTK_WIDGET (f->editor));
  for (guint i = 0; i < stops->len; i++)
    {
      GtkWidget *focus = stops->pdata[i];

      g_assert_false (GTK_IS_FLOW_BOX_CHILD (focus));
      if (GTK_IS_TOGGLE_BUTTON (focus) && GTK_IS_FLOW_BOX_CHILD (gtk_widget_get_parent (focus)))
        chips++;
    }
  g_assert_cmpuint (chips, ==, 6);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  bm_test_load_app_style ();

  g_test_add ("/mark-editor/shows-mark", Fixture, NULL, fixture_set_up, test_shows_mark, fixture_tear_down);
  g_test_add ("/mark-editor/edits", Fixture, NULL, fixture_set_up, test_edits, fixture_tear_down);
  g_test_add ("/mark-editor/one-tab-per-chip", Fixture, NULL, fixture_set_up, test_one_tab_per_chip, fixture_tear_down);
  g_test_add ("/mark-editor/unmark", Fixture, NULL, fixture_set_up, test_unmark, fixture_tear_down);
  g_test_add ("/mark-editor/fits-360", Fixture, NULL, fixture_set_up, test_fits_360, fixture_tear_down);
  g_test_add ("/mark-editor/intake-replaced", Fixture, NULL, fixture_set_up, test_intake_replaced, fixture_tear_down);

  return g_test_run ();
}
