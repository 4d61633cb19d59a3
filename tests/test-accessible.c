/* test-accessible.c: what a screen reader says for every control of the
 * real window, with every page of the side panel shown, under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "bm-body-map.h"
#include "bm-clients-view.h"
#include "bm-library.h"
#include "bm-intake.h"
#include "bm-window.h"

#include "bm-test-files.h"
#include "bm-test-gui.h"

/* The controls that take focus and that a screen reader names */
static gboolean
is_control (GtkWidget *widget)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);

  /* The inner button of a menu button or drop-down is named by its owner */
  if (parent != NULL && (GTK_IS_MENU_BUTTON (parent) || GTK_IS_DROP_DOWN (parent)))
    return FALSE;
  /* A spin button's + and - take no focus: the arrow keys do their work */
  if (parent != NULL && GTK_IS_SPIN_BUTTON (parent))
    return FALSE;
  return GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget) || GTK_IS_SWITCH (widget) ||
         GTK_IS_CHECK_BUTTON (widget) || GTK_IS_ENTRY (widget) || GTK_IS_SEARCH_ENTRY (widget) ||
         GTK_IS_SPIN_BUTTON (widget) || GTK_IS_DROP_DOWN (widget) || GTK_IS_SCALE (widget) ||
         GTK_IS_TEXT_VIEW (widget) ||
         (GTK_IS_TEXT (widget) && parent != NULL && !GTK_IS_ENTRY (parent) &&
          !GTK_IS_SEARCH_ENTRY (parent) && !GTK_IS_SPIN_BUTTON (parent));
}

static void
collect (GtkWidget *widget,
         GType      type,
         GPtrArray *out)
{
  /* Hidden pages of a stack are visible but not child-visible */
  if (!gtk_widget_get_visible (widget) || !gtk_widget_get_child_visible (widget))
    return;
  if (type == G_TYPE_NONE ? is_control (widget) : G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (out, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect (child, type, out);
}

/* GTK 4.8 has no getter for an accessible property: the test context
 * gives the value it holds when asked to compare it with another */
static char *
dup_label_property (GtkWidget *widget)
{
  if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
    return NULL;
  return gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                             "\x01 no label is this \x01");
}

/* Roles GTK 4.8 does not name after their type */
static gboolean
is_structural (GtkWidget *widget)
{
  GtkAccessibleRole role = gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget));

  return role == GTK_ACCESSIBLE_ROLE_GENERIC || role == GTK_ACCESSIBLE_ROLE_GROUP ||
         role == GTK_ACCESSIBLE_ROLE_NONE || role == GTK_ACCESSIBLE_ROLE_PRESENTATION;
}

/* What a screen reader says for @widget, as GTK 4.8 puts it together
 * (gtk_at_context_get_name): its own label, then the label of each thing
 * that labels it; with neither, a type name. Each is a part. */
static GPtrArray *
dup_name_parts (GtkWidget *widget,
                GPtrArray *candidates)
{
  GPtrArray *parts = g_ptr_array_new_with_free_func (g_free);
  char *own;

  if ((own = dup_label_property (widget)) != NULL)
    g_ptr_array_add (parts, own);

  if (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    {
      gboolean found = FALSE;

      for (guint i = 0; i < candidates->len && !found; i++)
        {
          GtkWidget *label = candidates->pdata[i];
          g_autofree char *problem = gtk_test_accessible_check_relation (GTK_ACCESSIBLE (widget),
                                                                         GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                                                         label, NULL);

          if (problem == NULL)
            {
              char *text = dup_label_property (label);

              if (text != NULL)
                g_ptr_array_add (parts, text);
              else if (parts->len == 0 && !is_structural (label))
                g_ptr_array_add (parts, g_strdup (G_OBJECT_TYPE_NAME (label)));
              found = TRUE;
            }
        }
      if (!found)
        g_ptr_array_add (parts, g_strdup ("(labelled by something that is not one widget)"));
    }

  if (parts->len == 0)
    g_ptr_array_add (parts, g_strdup (G_OBJECT_TYPE_NAME (widget)));

  return parts;
}

/* Where @widget is, for the message */
static char *
describe (GtkWidget *widget)
{
  GString *out = g_string_new (G_OBJECT_TYPE_NAME (widget));
  const char *tooltip = gtk_widget_get_tooltip_text (widget);

  if (tooltip != NULL)
    g_string_append_printf (out, " (tooltip “%s”)", tooltip);
  if (GTK_IS_BUTTON (widget) && gtk_button_get_icon_name (GTK_BUTTON (widget)) != NULL)
    g_string_append_printf (out, " (icon %s)", gtk_button_get_icon_name (GTK_BUTTON (widget)));
  for (GtkWidget *up = gtk_widget_get_parent (widget); up; up = gtk_widget_get_parent (up))
    if (ADW_IS_PREFERENCES_ROW (up))
      {
        g_string_append_printf (out, " in the row “%s”", adw_preferences_row_get_title (ADW_PREFERENCES_ROW (up)));
        break;
      }
  return g_string_free (out, FALSE);
}

static gboolean
repeats_words (const char *name)
{
  g_auto(GStrv) words = g_strsplit_set (name, " ,.:;", -1);
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();

  for (guint i = 0; words[i]; i++)
    if (*words[i])
      g_ptr_array_add (kept, words[i]);

  for (guint len = 1; len * 2 <= kept->len; len++)
    for (guint i = 0; i + 2 * len <= kept->len; i++)
      {
        guint k;

        for (k = 0; k < len; k++)
          if (g_ascii_strcasecmp (kept->pdata[i + k], kept->pdata[i + len + k]) != 0)
            break;
        if (k == len)
          return TRUE;
      }
  return FALSE;
}

static gboolean
is_type_name (const char *name)
{
  return g_type_from_name (name) != 0 ||
         ((g_str_has_prefix (name, "Gtk") || g_str_has_prefix (name, "Adw") || g_str_has_prefix (name, "Bm")) &&
          strchr (name, ' ') == NULL);
}

/* Problems with @widget's name, added to @problems */
static void
check_control (GtkWidget *widget,
               GPtrArray *labels,
               GString   *problems)
{
  g_autoptr(GPtrArray) parts = dup_name_parts (widget, labels);
  g_autofree char *what = describe (widget);
  g_autofree char *name = NULL;

  g_ptr_array_add (parts, NULL);
  name = g_strjoinv (" ", (char **) parts->pdata);
  g_ptr_array_remove_index (parts, parts->len - 1);

  if (parts->len == 0)
    g_assert_not_reached ();
  else if (parts->len > 1)
    g_string_append_printf (problems, "%s: more than one name, said as “%s”\n", what, name);
  else if (*g_strstrip (g_strdup (name)) == '\0')
    g_string_append_printf (problems, "%s: empty name\n", what);
  else if (is_type_name (name))
    g_string_append_printf (problems, "%s: named after a type, “%s”\n", what, name);
  else if (repeats_words (name))
    g_string_append_printf (problems, "%s: name says the same twice, “%s”\n", what, name);
  else if (g_test_verbose ())
    g_test_message ("%s: “%s”", what, name);
}

static void
check_window (GtkWidget *window,
              GString   *problems)
{
  g_autoptr(GPtrArray) controls = g_ptr_array_new ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  /* Any widget may label another; labels first, they are the usual case */
  collect (window, GTK_TYPE_LABEL, labels);
  collect (window, GTK_TYPE_WIDGET, labels);
  collect (window, G_TYPE_NONE, controls);
  g_assert_cmpuint (controls->len, >=, 4);
  for (guint i = 0; i < controls->len; i++)
    check_control (controls->pdata[i], labels, problems);
}

static void
test_every_control_named (void)
{
  BmWindow *window = bm_window_new (NULL);
  g_autoptr(GString) problems = g_string_new (NULL);
  g_autoptr(BmMark) calf = bm_mark_new ("calf", BM_SIDE_LEFT, 5, 0, NULL);
  GtkStack *stack;
  GtkSelectionModel *pages;

  g_object_ref_sink (window);
  /* A mark, so that the lists and the plan have rows with controls */
  bm_intake_set_mark (bm_window_get_intake (window), calf, FALSE);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 780);
  gtk_window_present (GTK_WINDOW (window));
  bm_test_iterate ();

  stack = gtk_stack_switcher_get_stack (GTK_STACK_SWITCHER (bm_test_find_widget (GTK_WIDGET (window),
                                                                                   GTK_TYPE_STACK_SWITCHER)));
  pages = gtk_stack_get_pages (stack);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (pages)); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (pages), i);
      GtkStackPage *page = GTK_STACK_PAGE (item);
      g_autoptr(GString) page_problems = g_string_new (NULL);

      gtk_stack_set_transition_type (stack, GTK_STACK_TRANSITION_TYPE_NONE);
      gtk_stack_set_visible_child (stack, gtk_stack_page_get_child (page));
      bm_test_run_for (50);
      check_window (GTK_WIDGET (window), page_problems);
      if (page_problems->len > 0)
        g_string_append_printf (problems, "On the page “%s”:\n%s", gtk_stack_page_get_title (page),
                                page_problems->str);
    }
  g_object_unref (pages);

  if (problems->len > 0)
    g_test_message ("%s", problems->str);
  g_assert_cmpstr (problems->str, ==, "");

  gtk_window_destroy (GTK_WINDOW (window));
  bm_test_iterate ();
  g_assert_finalize_object (window);
}

/* libadwaita 1.2 leaves a toast's close button unnamed (later versions
 * name it): toasts are let go first */
static void
dismiss_toasts (GtkWidget *root)
{
  GType toast_widget = g_type_from_name ("AdwToastWidget");
  gboolean found = FALSE;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    if (toast_widget != 0 && G_TYPE_CHECK_INSTANCE_TYPE (child, toast_widget))
      {
        GtkWidget *button = bm_test_find_widget (child, GTK_TYPE_BUTTON);

        /* The close button is the last one; the toast's own is first */
        for (GtkWidget *b = button; b; b = gtk_widget_get_next_sibling (b))
          if (GTK_IS_BUTTON (b) && g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (b)), "window-close-symbolic") == 0)
            {
              g_signal_emit_by_name (b, "clicked");
              found = TRUE;
            }
      }
    else
      dismiss_toasts (child);
  if (found)
    bm_test_run_for (600);
}

/* The library's pages too: the clients, one client, and a new visit with
 * last time's marks to confirm */
static void
test_library_pages_named (void)
{
  g_autofree char *dir = bm_test_make_temp_dir ("bodymap-accessible");
  g_autoptr(GFile) location = g_file_new_for_path (dir);
  g_autoptr(BmLibrary) library = bm_library_new (location, NULL);
  g_autoptr(BmIntake) intake = bm_intake_new ();
  g_autoptr(BmMark) calf = bm_mark_new ("calf", BM_SIDE_LEFT, 5, BM_SYMPTOM_TIGHT, NULL);
  g_autoptr(GString) problems = g_string_new (NULL);
  BmWindow *window = bm_window_new (NULL);
  const char *steps[] = { "clients", "client", "new visit" };

  bm_intake_set_client_name (intake, "Sam Lee");
  bm_intake_set_visit_date (intake, "2026-11-20");
  bm_intake_set_mark (intake, calf, FALSE);
  g_assert_true (bm_library_file_intake (library, intake, NULL, NULL, NULL));

  g_object_ref_sink (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 780);
  gtk_window_present (GTK_WINDOW (window));
  bm_window_set_library (window, library);
  bm_test_run_for (100);

  for (guint step = 0; step < G_N_ELEMENTS (steps); step++)
    {
      g_autoptr(GString) page_problems = g_string_new (NULL);

      if (step == 1)
        g_signal_emit_by_name (bm_test_find_widget (GTK_WIDGET (window), BM_TYPE_CLIENTS_VIEW),
                               "client-activated", "sam-lee");
      else if (step == 2)
        {
          GtkStack *stack;

          g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-visit", NULL));
          bm_test_run_for (100);
          stack = gtk_stack_switcher_get_stack (GTK_STACK_SWITCHER (bm_test_find_widget (GTK_WIDGET (window),
                                                                                           GTK_TYPE_STACK_SWITCHER)));
          gtk_stack_set_transition_type (stack, GTK_STACK_TRANSITION_TYPE_NONE);
          gtk_stack_set_visible_child_name (stack, "areas");
        }
      bm_test_run_for (100);
      dismiss_toasts (GTK_WIDGET (window));
      check_window (GTK_WIDGET (window), page_problems);
      if (page_problems->len > 0)
        g_string_append_printf (problems, "On the %s page:\n%s", steps[step], page_problems->str);
    }
  if (problems->len > 0)
    g_test_message ("%s", problems->str);
  g_assert_cmpstr (problems->str, ==, "");

  bm_intake_set_modified (bm_window_get_intake (window), FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
  bm_test_iterate ();
  g_object_unref (window);
  bm_test_remove_tree (dir);
}

/* The header bar's icon buttons, by what they do */
static void
test_header_buttons (void)
{
  BmWindow *window = bm_window_new (NULL);
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  const char *actions[] = { "win.open", "win.undo", "win.redo" };
  const char *names[] = { "Open", "Undo", "Redo" };
  GtkWidget *menu_button;

  g_object_ref_sink (window);
  gtk_window_present (GTK_WINDOW (window));
  bm_test_iterate ();

  collect (bm_test_find_widget (GTK_WIDGET (window), ADW_TYPE_HEADER_BAR), GTK_TYPE_BUTTON, buttons);
  for (guint k = 0; k < G_N_ELEMENTS (actions); k++)
    {
      GtkWidget *found = NULL;

      for (guint i = 0; i < buttons->len; i++)
        if (g_strcmp0 (gtk_actionable_get_action_name (buttons->pdata[i]), actions[k]) == 0)
          found = buttons->pdata[i];
      g_assert_nonnull (found);
      gtk_test_accessible_assert_property (found, GTK_ACCESSIBLE_PROPERTY_LABEL, names[k]);
    }

  menu_button = bm_test_find_widget (bm_test_find_widget (GTK_WIDGET (window), ADW_TYPE_HEADER_BAR),
                                     GTK_TYPE_MENU_BUTTON);
  gtk_test_accessible_assert_property (menu_button, GTK_ACCESSIBLE_PROPERTY_LABEL, "Main Menu");
  /* A tooltip would cover the menu it opens */
  g_assert_null (gtk_widget_get_tooltip_text (menu_button));

  gtk_window_destroy (GTK_WINDOW (window));
  bm_test_iterate ();
  g_assert_finalize_object (window);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_assert_nonnull (bm_ui_get_resource ());
  bm_test_load_app_style ();

  g_test_add_func ("/accessible/header-buttons", test_header_buttons);
  g_test_add_func ("/accessible/every-control-named", test_every_control_named);
  g_test_add_func ("/accessible/library-pages-named", test_library_pages_named);

  return g_test_run ();
}
