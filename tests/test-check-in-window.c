/* test-check-in-window.c: check-in on the clinic's tablet — the client's
 * three steps, the waiting list, nothing of other clients anywhere, the
 * staff's passcode, the reset after inactivity, and no way out without
 * the passcode
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "bm-application.h"
#include "bm-body-map.h"
#include "bm-check-in-form.h"
#include "bm-check-in-window.h"
#include "bm-check-ins.h"
#include "bm-intake-io.h"
#include "bm-library.h"
#include "bm-marks-list.h"
#include "bm-passcode.h"
#include "bm-window.h"

#include "bm-test-files.h"
#include "bm-test-gui.h"

#define PASSCODE "2468"
/* Few rounds where the passcode itself is not what is tested */
#define FAST_ROUNDS 1000

/* Waits for @expr, never longer than 30 s: CI machines are loaded */
#define WAIT_FOR(expr)                                                  \
  G_STMT_START {                                                        \
    gboolean timed_out_ = FALSE;                                        \
    guint id_ = g_timeout_add (30000, bm_test_on_timeout, &timed_out_); \
    while (!(expr) && !timed_out_)                                      \
      g_main_context_iteration (NULL, TRUE);                            \
    if (!timed_out_)                                                    \
      g_source_remove (id_);                                            \
    g_assert_true (expr);                                               \
  } G_STMT_END

static GApplication *app;

typedef struct
{
  char            *dir;
  char            *passcode_path;
  BmLibrary       *library;
  BmCheckInWindow *window;
} Fixture;

static BmIntake *
make_client (const char *name,
             int         birth_year,
             const char *email)
{
  BmIntake *intake = bm_intake_new ();
  g_autoptr(BmMark) mark = bm_mark_new ("knee", BM_SIDE_RIGHT, 4, BM_SYMPTOM_SORE, NULL);

  bm_intake_set_client_name (intake, name);
  bm_intake_set_birth_year (intake, birth_year);
  bm_intake_set_email (intake, email);
  bm_intake_set_visit_date (intake, "2026-11-23");
  bm_intake_set_mark (intake, mark, FALSE);
  return intake;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GFile) location = NULL;
  g_autoptr(BmIntake) jamie = make_client ("Jamie Rivers", 1994, "jamie@example.org");
  g_autoptr(BmIntake) zoe = make_client ("Zoë Park", 1988, "zoe@example.org");
  gboolean with_passcode = GPOINTER_TO_INT (data);

  f->dir = bm_test_make_temp_dir ("bodymap-check-in-window");
  location = g_file_new_for_path (f->dir);
  f->library = bm_library_new (location, NULL);
  g_assert_true (bm_library_file_intake (f->library, jamie, NULL, NULL, NULL));
  g_assert_true (bm_library_file_intake (f->library, zoe, NULL, NULL, NULL));
  f->passcode_path = g_build_filename (f->dir, "passcode", NULL);
  if (with_passcode)
    g_assert_true (bm_passcode_set (f->passcode_path, PASSCODE, FAST_ROUNDS, NULL));

  f->window = bm_check_in_window_new (GTK_APPLICATION (app), f->library, f->passcode_path);
  g_object_ref (f->window);
  bm_check_in_window_start (f->window);
  bm_test_wait_for_size (GTK_WIDGET (f->window), 600);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->window != NULL)
    {
      gtk_window_destroy (GTK_WINDOW (f->window));
      bm_test_iterate ();
      g_assert_finalize_object (f->window);
    }
  g_clear_object (&f->library);
  bm_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->passcode_path);
}

/* Every text the widget tree under @widget holds, shown or not: labels,
 * entries, row titles, buttons, tooltips, accessible labels */
static gboolean
tree_mentions (GtkWidget  *widget,
               const char *name)
{
  const char *texts[4] = { NULL, };
  const char *tooltip = gtk_widget_get_tooltip_text (widget);
  char *accessible;

  if (GTK_IS_LABEL (widget))
    texts[0] = gtk_label_get_label (GTK_LABEL (widget));
  else if (GTK_IS_EDITABLE (widget))
    texts[0] = gtk_editable_get_text (GTK_EDITABLE (widget));
  else if (GTK_IS_BUTTON (widget))
    texts[0] = gtk_button_get_label (GTK_BUTTON (widget));
  if (ADW_IS_PREFERENCES_ROW (widget))
    texts[1] = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget));
  if (ADW_IS_ACTION_ROW (widget))
    texts[2] = adw_action_row_get_subtitle (ADW_ACTION_ROW (widget));
  else if (ADW_IS_EXPANDER_ROW (widget))
    texts[2] = adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (widget));
  texts[3] = tooltip;
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (texts[i] != NULL && strstr (texts[i], name) != NULL)
      return TRUE;

  /* An accessible label of exactly the name */
  accessible = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, name);
  if (accessible == NULL)
    return TRUE;
  g_free (accessible);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (tree_mentions (child, name))
      return TRUE;
  return FALSE;
}

/* No trace of any other client, in the whole window and in every window
 * on screen */
static void
assert_nothing_of (Fixture    *f,
                   const char *name)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  g_assert_false (tree_mentions (GTK_WIDGET (f->window), name));
  for (GList *l = toplevels; l; l = l->next)
    if (gtk_widget_get_visible (l->data))
      {
        g_assert_true (l->data == (gpointer) f->window);
        g_assert_null (strstr (gtk_window_get_title (l->data) ? gtk_window_get_title (l->data) : "", name));
      }
}

static void
assert_no_other_client (Fixture *f)
{
  assert_nothing_of (f, "Jamie");
  assert_nothing_of (f, "Rivers");
  assert_nothing_of (f, "Zoë Park");
  assert_nothing_of (f, "jamie@example.org");
}

static GtkWidget *
find_row (GtkWidget  *root,
          const char *title)
{
  if (ADW_IS_PREFERENCES_ROW (root) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row (child, title);

      if (found)
        return found;
    }
  return NULL;
}

static GtkCheckButton *
find_row_check (GtkWidget  *root,
                const char *title)
{
  GtkWidget *row = find_row (root, title);

  g_assert_nonnull (row);
  return GTK_CHECK_BUTTON (bm_test_find_widget (row, GTK_TYPE_CHECK_BUTTON));
}

static void
type_in (GtkWidget  *root,
         const char *title,
         const char *text)
{
  GtkWidget *row = find_row (root, title);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static void
click (GtkWidget  *root,
       const char *label)
{
  GtkButton *button = bm_test_find_button (root, label);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (button)));
  g_signal_emit_by_name (button, "clicked");
  bm_test_iterate ();
}

/* A page of the window: "setup", "flow", "leave", "idle", "thanks" */
static GtkWidget *
window_page (BmCheckInWindow *window,
             const char      *name)
{
  GtkStack *stack = GTK_STACK (bm_test_find_widget (GTK_WIDGET (window), GTK_TYPE_STACK));

  return gtk_stack_get_child_by_name (stack, name);
}

static gboolean
page_is (Fixture    *f,
         const char *name)
{
  return g_strcmp0 (bm_check_in_window_get_page (f->window), name) == 0;
}

static void
mark_left_calf (Fixture *f)
{
  BmCheckInFlow *flow = bm_check_in_window_get_flow (f->window);
  BmBodyMap *map = BM_BODY_MAP (bm_check_in_flow_get_body_map (flow));
  const BmRegion *calf = bm_atlas_lookup (bm_atlas_get_default (), "calf");

  bm_body_map_edit (map, calf, BM_SIDE_LEFT);
  bm_test_iterate ();
  g_assert_nonnull (bm_intake_get_mark (bm_check_in_flow_get_intake (flow), "calf", BM_SIDE_LEFT));
  gtk_popover_popdown (bm_body_map_get_editor (map));
  bm_test_iterate ();
}

static GPtrArray *
list_check_ins (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *list = bm_check_ins_list (f->library, &error);

  g_assert_no_error (error);
  return list;
}

static BmIntake *
load_check_in (const BmCheckIn *check_in)
{
  g_autoptr(GFile) file = g_file_new_for_path (check_in->path);
  g_autoptr(GError) error = NULL;
  BmIntake *intake = bm_intake_load_file (file, &error);

  g_assert_no_error (error);
  return intake;
}

/* Nothing a client typed is left in a flow: no mark, no text, no tick,
 * no undo */
static void
assert_flow_empty (Fixture *f)
{
  BmCheckInFlow *flow = bm_check_in_window_get_flow (f->window);
  GtkWidget *form = bm_check_in_flow_get_form (flow);
  BmIntake *intake = bm_check_in_flow_get_intake (flow);
  const char *titles[] = { "Your name", "Year of birth, for example 1990", "Email (optional)",
                           "Phone (optional)", "Allergies, for example to oils or lotions" };

  g_assert_cmpint (bm_check_in_flow_get_step (flow), ==, BM_CHECK_IN_STEP_MAP);
  g_assert_cmpuint (bm_intake_get_marks (intake)->len, ==, 0);
  g_assert_false (bm_intake_can_undo (intake));
  g_assert_false (bm_check_in_flow_has_input (flow));
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_row (form, titles[i]))), ==, "");
  g_assert_false (gtk_check_button_get_active (find_row_check (form, "I have diabetes")));
  g_assert_false (gtk_check_button_get_active (find_row_check (form, "I agree to treatment")));
  g_assert_cmpuint (bm_marks_list_get_n_rows (BM_MARKS_LIST (bm_test_find_widget (GTK_WIDGET (flow), BM_TYPE_MARKS_LIST))), ==, 0);
}

/* The whole flow: the map, about you, review, "I'm done"; the check-in
 * is on the waiting list, nobody else shows at any step, and the next
 * client finds nothing */
static void
test_walk_through (Fixture       *f,
                   gconstpointer  data)
{
  BmCheckInFlow *flow;
  GtkWidget *form;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(BmIntake) filed = NULL;
  const BmCheckIn *check_in;
  g_autofree char *step = NULL;

  g_assert_true (page_is (f, "flow"));
  flow = bm_check_in_window_get_flow (f->window);
  form = bm_check_in_flow_get_form (flow);
  step = bm_check_in_flow_dup_step_text (flow);
  g_assert_cmpstr (step, ==, "Step 1 of 3: Where does it hurt?");
  assert_no_other_client (f);

  /* 1. Where does it hurt */
  mark_left_calf (f);
  assert_no_other_client (f);
  click (GTK_WIDGET (flow), "Next");
  g_assert_cmpint (bm_check_in_flow_get_step (flow), ==, BM_CHECK_IN_STEP_ABOUT);
  assert_no_other_client (f);

  /* 2. About you: a name and a year are needed, and the consent */
  click (GTK_WIDGET (flow), "Next");
  g_assert_cmpint (bm_check_in_flow_get_step (flow), ==, BM_CHECK_IN_STEP_ABOUT);
  g_assert_true (bm_test_shows_label (form, "Please type your name."));
  type_in (form, "Your name", "Sam Okafor");
  click (GTK_WIDGET (flow), "Next");
  g_assert_true (bm_test_shows_label (form, "Please type the year you were born"));
  type_in (form, "Year of birth, for example 1990", "1990");
  type_in (form, "Email (optional)", "sam@example.org");
  type_in (form, "Allergies, for example to oils or lotions", "Arnica oil");
  /* Typing a name on file shows nothing of that client */
  type_in (form, "Phone (optional)", "Jamie");
  bm_test_iterate ();
  g_assert_false (bm_test_shows_label (GTK_WIDGET (f->window), "Jamie Rivers"));
  type_in (form, "Phone (optional)", "");

  /* "None of these" and the health questions exclude each other */
  gtk_check_button_set_active (find_row_check (form, "I have diabetes"), TRUE);
  gtk_check_button_set_active (find_row_check (form, "None of these"), TRUE);
  g_assert_false (gtk_check_button_get_active (find_row_check (form, "I have diabetes")));
  g_assert_cmpint (bm_intake_get_health (bm_check_in_flow_get_intake (flow)), ==, BM_HEALTH_NONE);
  gtk_check_button_set_active (find_row_check (form, "I have diabetes"), TRUE);
  g_assert_false (gtk_check_button_get_active (find_row_check (form, "None of these")));
  gtk_check_button_set_active (find_row_check (form, "Firm"), TRUE);
  gtk_check_button_set_active (find_row_check (form, "Foot (top)"), TRUE);

  click (GTK_WIDGET (flow), "Next");
  g_assert_cmpint (bm_check_in_flow_get_step (flow), ==, BM_CHECK_IN_STEP_ABOUT);
  g_assert_true (bm_test_shows_label (form, "To go on, please read the consent"));
  gtk_check_button_set_active (find_row_check (form, "I agree to treatment"), TRUE);
  assert_no_other_client (f);
  click (GTK_WIDGET (flow), "Next");

  /* 3. Review */
  g_assert_cmpint (bm_check_in_flow_get_step (flow), ==, BM_CHECK_IN_STEP_REVIEW);
  g_assert_nonnull (find_row (GTK_WIDGET (flow), "Left calf"));
  g_assert_true (tree_mentions (GTK_WIDGET (flow), "Sam Okafor"));
  g_assert_true (tree_mentions (GTK_WIDGET (flow), "Arnica oil"));
  assert_no_other_client (f);
  click (GTK_WIDGET (flow), "I’m Done");

  /* On the waiting list, with the answers */
  g_assert_true (page_is (f, "thanks"));
  g_assert_true (bm_test_shows_label (GTK_WIDGET (f->window), "Your answers are with your therapist. Please hand the tablet back."));
  list = list_check_ins (f);
  g_assert_cmpuint (list->len, ==, 1);
  check_in = g_ptr_array_index (list, 0);
  g_assert_cmpstr (check_in->name, ==, "Sam Okafor");
  g_assert_cmpint (check_in->birth_year, ==, 1990);
  g_assert_true (check_in->complete);
  filed = load_check_in (check_in);
  g_assert_cmpstr (bm_intake_get_email (filed), ==, "sam@example.org");
  g_assert_cmpstr (bm_intake_get_allergies (filed), ==, "Arnica oil");
  g_assert_cmpint (bm_intake_get_health (filed), ==, BM_HEALTH_DIABETES);
  g_assert_cmpint (bm_intake_get_pressure (filed), ==, BM_PRESSURE_FIRM);
  g_assert_true (bm_intake_get_avoided (filed, "foot"));
  g_assert_true (bm_intake_get_consent (filed));
  g_assert_nonnull (bm_intake_get_mark (filed, "calf", BM_SIDE_LEFT));
  g_assert_cmpstr (bm_intake_get_check_in_status (filed), ==, "complete");

  /* The next client: nothing of Sam, nor of anyone */
  assert_nothing_of (f, "Sam");
  assert_nothing_of (f, "Okafor");
  assert_nothing_of (f, "Arnica");
  assert_nothing_of (f, "sam@example.org");
  assert_no_other_client (f);
  click (window_page (f->window, "thanks"), "Start a New Check-in");
  g_assert_true (page_is (f, "flow"));
  g_assert_true (bm_check_in_window_get_flow (f->window) != flow);
  assert_flow_empty (f);
  assert_nothing_of (f, "Sam");
}

static void
type_passcode (Fixture    *f,
               const char *passcode)
{
  GtkWidget *entry = bm_test_find_widget (GTK_WIDGET (f->window), GTK_TYPE_PASSWORD_ENTRY);
  GtkStack *stack = GTK_STACK (bm_test_find_widget (GTK_WIDGET (f->window), GTK_TYPE_STACK));
  GtkWidget *page = gtk_stack_get_visible_child (stack);

  /* The passcode entry of the page shown */
  entry = bm_test_find_widget (page, GTK_TYPE_PASSWORD_ENTRY);
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), passcode);
}

static gboolean
leave_entry_sensitive (Fixture *f)
{
  GtkStack *stack = GTK_STACK (bm_test_find_widget (GTK_WIDGET (f->window), GTK_TYPE_STACK));
  GtkWidget *entry = bm_test_find_widget (gtk_stack_get_child_by_name (stack, "leave"), GTK_TYPE_PASSWORD_ENTRY);

  return gtk_widget_get_sensitive (entry);
}

/* Set when check-in first starts: at least 4 characters, twice the
 * same; then a wrong one keeps the client in and the right one leaves */
static void
test_passcode (Fixture       *f,
               gconstpointer  data)
{
  GtkStack *stack = GTK_STACK (bm_test_find_widget (GTK_WIDGET (f->window), GTK_TYPE_STACK));
  GtkWidget *setup = gtk_stack_get_child_by_name (stack, "setup");
  GtkWidget *entries[2];
  GtkWidget *staff;
  GtkWidget *window = GTK_WIDGET (f->window);

  g_assert_true (page_is (f, "setup"));
  g_assert_false (bm_passcode_is_set (f->passcode_path));
  staff = GTK_WIDGET (bm_test_find_button (window, "Staff"));
  g_assert_null (staff);
  entries[0] = bm_test_find_widget (setup, GTK_TYPE_PASSWORD_ENTRY);
  entries[1] = bm_test_find_widget (gtk_widget_get_next_sibling (entries[0]), GTK_TYPE_PASSWORD_ENTRY);
  g_assert_nonnull (entries[1]);

  gtk_editable_set_text (GTK_EDITABLE (entries[0]), "12");
  gtk_editable_set_text (GTK_EDITABLE (entries[1]), "12");
  click (setup, "Start Check-in");
  g_assert_true (bm_test_shows_label (setup, "Use at least 4 characters."));
  gtk_editable_set_text (GTK_EDITABLE (entries[0]), PASSCODE);
  gtk_editable_set_text (GTK_EDITABLE (entries[1]), "2469");
  click (setup, "Start Check-in");
  g_assert_true (bm_test_shows_label (setup, "The two passcodes are not the same."));
  gtk_editable_set_text (GTK_EDITABLE (entries[1]), PASSCODE);
  click (setup, "Start Check-in");
  /* Hashing takes a while: a spinner meanwhile */
  g_assert_true (gtk_widget_get_visible (bm_test_find_widget (setup, GTK_TYPE_SPINNER)));
  WAIT_FOR (page_is (f, "flow"));
  g_assert_true (bm_passcode_is_set (f->passcode_path));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entries[0])), ==, "");

  /* A wrong passcode keeps check-in */
  click (window, "Staff");
  g_assert_true (page_is (f, "leave"));
  type_passcode (f, "1357");
  click (window_page (f->window, "leave"), "Leave Check-in");
  WAIT_FOR (bm_test_shows_label (window, "That is not the passcode."));
  g_assert_true (page_is (f, "leave"));
  g_assert_true (gtk_widget_get_visible (window));

  /* Cancel goes back to the client's step */
  click (window_page (f->window, "leave"), "Cancel");
  g_assert_true (page_is (f, "flow"));

  /* The right one leaves: the window goes */
  click (window, "Staff");
  type_passcode (f, PASSCODE);
  g_object_add_weak_pointer (G_OBJECT (f->window), (gpointer *) &f->window);
  g_object_unref (f->window);
  click (window_page (f->window, "leave"), "Leave Check-in");
  WAIT_FOR (f->window == NULL);
}

/* Wrong three times: "Too many tries", and no typing until the wait ends */
static void
test_passcode_locked (Fixture       *f,
                      gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (f->window);

  g_assert_true (page_is (f, "flow"));
  click (window, "Staff");
  for (guint i = 0; i < BM_PASSCODE_FREE_TRIES + 1 && leave_entry_sensitive (f); i++)
    {
      type_passcode (f, "0000");
      click (window_page (f->window, "leave"), "Leave Check-in");
      /* Checked once the spinner goes */
      WAIT_FOR (!gtk_widget_get_visible (bm_test_find_widget (window_page (f->window, "leave"), GTK_TYPE_SPINNER)));
      g_assert_true (bm_test_shows_label (window, "That is not the passcode.") ||
                     bm_test_shows_label (window, "Too many tries: wait"));
      if (!bm_test_shows_label (window, "Too many tries: wait"))
        g_assert_true (leave_entry_sensitive (f));
    }
  g_assert_true (bm_test_shows_label (window, "Too many tries: wait"));
  g_assert_false (leave_entry_sensitive (f));
  g_assert_true (page_is (f, "leave"));
  g_assert_nonnull (f->window);
}

/* Left alone with something entered: "Are you still there?", then the
 * answers go to the desk as unfinished, and the screen starts over */
static void
test_idle_with_input (Fixture       *f,
                      gconstpointer  data)
{
  BmCheckInFlow *flow = bm_check_in_window_get_flow (f->window);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(BmIntake) filed = NULL;

  mark_left_calf (f);
  type_in (bm_check_in_flow_get_form (flow), "Your name", "Noor Haddad");

  /* "I'm still here" keeps everything */
  bm_check_in_window_set_idle_seconds (f->window, 1, 30);
  WAIT_FOR (page_is (f, "idle"));
  g_assert_cmpuint (bm_check_in_window_get_countdown (f->window), >, 0);
  g_assert_false (tree_mentions (gtk_stack_get_visible_child (GTK_STACK (bm_test_find_widget (GTK_WIDGET (f->window), GTK_TYPE_STACK))),
                                 "Noor"));
  click (window_page (f->window, "idle"), "I’m Still Here");
  g_assert_true (page_is (f, "flow"));
  g_assert_true (bm_check_in_window_get_flow (f->window) == flow);
  g_assert_nonnull (bm_intake_get_mark (bm_check_in_flow_get_intake (flow), "calf", BM_SIDE_LEFT));

  /* The countdown runs out */
  bm_check_in_window_set_idle_seconds (f->window, 1, 1);
  WAIT_FOR (page_is (f, "idle"));
  WAIT_FOR (bm_check_in_window_get_flow (f->window) != flow);
  g_assert_true (page_is (f, "flow"));
  list = list_check_ins (f);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_false (((BmCheckIn *) g_ptr_array_index (list, 0))->complete);
  filed = load_check_in (g_ptr_array_index (list, 0));
  g_assert_cmpstr (bm_intake_get_client_name (filed), ==, "Noor Haddad");
  g_assert_nonnull (bm_intake_get_mark (filed, "calf", BM_SIDE_LEFT));
  g_assert_cmpstr (bm_intake_get_check_in_status (filed), ==, "incomplete");

  assert_flow_empty (f);
  assert_nothing_of (f, "Noor");
  assert_no_other_client (f);
}

/* Left alone with nothing entered: back to the start, nothing filed */
static void
test_idle_without_input (Fixture       *f,
                         gconstpointer  data)
{
  BmCheckInFlow *flow = bm_check_in_window_get_flow (f->window);
  g_autoptr(GPtrArray) list = NULL;

  click (GTK_WIDGET (flow), "Next");
  g_assert_cmpint (bm_check_in_flow_get_step (flow), ==, BM_CHECK_IN_STEP_ABOUT);
  bm_check_in_window_set_idle_seconds (f->window, 1, 1);
  WAIT_FOR (bm_check_in_window_get_flow (f->window) != flow);
  g_assert_true (page_is (f, "flow"));
  assert_flow_empty (f);
  list = list_check_ins (f);
  g_assert_cmpuint (list->len, ==, 0);
}

/* No window close leaves, no shortcut of the app does anything, and the
 * therapist's window is out of reach until the passcode is given */
static void
test_no_way_out (Fixture       *f,
                 gconstpointer  data)
{
  GtkApplication *application = GTK_APPLICATION (app);
  g_auto(GStrv) quit_accels = NULL;
  g_auto(GStrv) open_accels = NULL;
  GtkWidget *other;

  /* Alt+F4, Ctrl+W */
  gtk_window_close (GTK_WINDOW (f->window));
  bm_test_iterate ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->window)));
  g_assert_true (bm_check_in_window_find (application) == f->window);

  /* The app's shortcuts are gone while check-in runs */
  quit_accels = gtk_application_get_accels_for_action (application, "app.quit");
  open_accels = gtk_application_get_accels_for_action (application, "win.open");
  g_assert_cmpuint (g_strv_length (quit_accels), ==, 0);
  g_assert_cmpuint (g_strv_length (open_accels), ==, 0);
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "quit"));

  /* A window that shows up meanwhile (a dialog of the therapist's
   * window) is hidden at once */
  other = gtk_window_new ();
  gtk_window_set_title (GTK_WINDOW (other), "Jamie Rivers");
  gtk_window_present (GTK_WINDOW (other));
  bm_test_iterate ();
  g_assert_false (gtk_widget_get_visible (other));
  assert_no_other_client (f);

  /* Leaving brings everything back */
  click (GTK_WIDGET (f->window), "Staff");
  type_passcode (f, PASSCODE);
  g_object_add_weak_pointer (G_OBJECT (f->window), (gpointer *) &f->window);
  g_object_unref (f->window);
  click (window_page (f->window, "leave"), "Leave Check-in");
  WAIT_FOR (f->window == NULL);
  g_assert_true (gtk_widget_get_visible (other));
  g_clear_pointer (&quit_accels, g_strfreev);
  quit_accels = gtk_application_get_accels_for_action (application, "app.quit");
  g_assert_cmpstrv (quit_accels, ((const char * const[]) { "<Control>q", NULL }));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "quit"));
  gtk_window_destroy (GTK_WINDOW (other));
}

/* The therapist's window is hidden while check-in runs, and comes back */
static void
test_therapist_window_hidden (void)
{
  g_autofree char *dir = bm_test_make_temp_dir ("bodymap-check-in-hidden");
  g_autofree char *passcode_path = g_build_filename (dir, "passcode", NULL);
  g_autoptr(GFile) location = g_file_new_for_path (dir);
  g_autoptr(BmLibrary) library = bm_library_new (location, NULL);
  BmWindow *therapist = bm_window_new (GTK_APPLICATION (app));
  BmCheckInWindow *window;

  gtk_window_present (GTK_WINDOW (therapist));
  bm_test_wait_for_size (GTK_WIDGET (therapist), 100);
  g_assert_true (bm_passcode_set (passcode_path, PASSCODE, FAST_ROUNDS, NULL));

  g_action_group_activate_action (G_ACTION_GROUP (app), "start-check-in", NULL);
  bm_test_iterate ();
  window = bm_check_in_window_find (GTK_APPLICATION (app));
  g_assert_nonnull (window);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (therapist)));
  gtk_window_destroy (GTK_WINDOW (window));
  bm_test_iterate ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (therapist)));

  /* Through the passcode, in its own file */
  window = bm_check_in_window_new (GTK_APPLICATION (app), library, passcode_path);
  bm_check_in_window_start (window);
  bm_test_iterate ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (therapist)));
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  click (GTK_WIDGET (window), "Staff");
  gtk_editable_set_text (GTK_EDITABLE (bm_test_find_widget (gtk_stack_get_child_by_name (GTK_STACK (bm_test_find_widget (GTK_WIDGET (window), GTK_TYPE_STACK)), "leave"),
                                                          GTK_TYPE_PASSWORD_ENTRY)), PASSCODE);
  click (window_page (window, "leave"), "Leave Check-in");
  WAIT_FOR (window == NULL);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (therapist)));

  bm_intake_set_modified (bm_window_get_intake (therapist), FALSE);
  gtk_window_destroy (GTK_WINDOW (therapist));
  bm_test_iterate ();
  bm_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  GTestDBus *bus;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_assert_nonnull (bm_ui_get_resource ());
  bm_test_load_app_style ();

  /* The app, for its shortcuts and windows, on a bus of its own */
  bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (bus);
  app = G_APPLICATION (bm_application_new ());
  g_application_set_flags (app, G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (app, NULL, NULL));
  g_application_hold (app);

  g_test_add ("/check-in-window/walk-through", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_walk_through, fixture_tear_down);
  g_test_add ("/check-in-window/passcode", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_passcode, fixture_tear_down);
  g_test_add ("/check-in-window/passcode-locked", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_passcode_locked, fixture_tear_down);
  g_test_add ("/check-in-window/idle-with-input", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_idle_with_input, fixture_tear_down);
  g_test_add ("/check-in-window/idle-without-input", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_idle_without_input, fixture_tear_down);
  g_test_add ("/check-in-window/no-way-out", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_no_way_out, fixture_tear_down);
  g_test_add_func ("/check-in-window/therapist-window-hidden", test_therapist_window_hidden);

  status = g_test_run ();

  g_application_release (app);
  g_clear_object (&app);
  /* The bus goes with the process: no wait for its last connection */
  g_test_dbus_stop (bus);
  return status;
}
