/* bm-clients-view.c
 *
 * A GtkListView over the library's own array of clients
 * (bm-client-list.c), so that a library of thousands of clients opens
 * and filters at once: only the rows on screen are built, and what a row
 * says is worked out when it is first shown.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bm-clients-view"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "bm-clients-view.h"
#include "bm-date.h"

/* More than fill a tall window */
#define FIRST_ROWS 48

static char *
dup_day (const char *date)
{
  /* Translators: a date in the clients list, "23 Nov 2026" (strftime) */
  return bm_date_format (date, _("%-d %b %Y"));
}

/* What the row says under the name, on one line: made when the row is
 * first shown, not for every client of the library */
static char *
dup_subtitle (const BmClient *client)
{
  const BmVisitInfo *last = bm_client_get_latest_visit (client);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  guint n_visits = 0;

  if (client->error)
    return g_strdup (client->error);

  for (guint v = 0; v < client->visits->len; v++)
    n_visits += ((const BmVisitInfo *) g_ptr_array_index (client->visits, v))->error == NULL;
  if (last)
    {
      g_autofree char *day = dup_day (last->date);

      /* Translators: in the clients list, "Last visit 23 Nov 2026" */
      g_ptr_array_add (parts, g_strdup_printf (_("Last visit %s"), day));
      if (last->next_race)
        {
          g_autofree char *race = dup_day (last->next_race);

          /* Translators: in the clients list, "Next race 6 Dec 2026" */
          g_ptr_array_add (parts, g_strdup_printf (_("Next race %s"), race));
        }
    }
  g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u visit", "%u visits", n_visits), n_visits));
  if (client->conflicts->len > 0)
    /* Translators: copies a sync tool made that the therapist should look at */
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u conflict copy to resolve",
                                                       "%u conflict copies to resolve",
                                                       client->conflicts->len),
                                             client->conflicts->len));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

struct _BmClientsView
{
  GtkWidget           parent_instance;

  GtkWidget          *box;
  GtkSearchEntry     *search;
  GtkDropDown        *sort_dropdown;
  GtkStack           *stack;
  GtkListView        *list;
  AdwStatusPage      *empty_page;
  GtkSpinner         *spinner;
  GtkWidget          *loading_page;
  GtkLabel           *conflicts_label;
  GtkWidget          *conflicts_box;
  GtkWidget          *read_only_box;

  BmClientList       *clients;
  GdkFrameClock      *paint_clock;
  gulong              after_paint_id;
  guint               unlimit_id;
  gboolean            loading;   /* no library loaded yet */
  char               *search_key;   /* case-folded; NULL: none */
  BmClientsSort       sort;
};

G_DEFINE_FINAL_TYPE (BmClientsView, bm_clients_view, GTK_TYPE_WIDGET)

enum {
  SIGNAL_CLIENT_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_empty (BmClientsView *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->clients));

  /* Never "no clients" before the library has been read */
  gtk_spinner_set_spinning (self->spinner, self->loading);
  if (self->loading)
    {
      gtk_stack_set_visible_child_name (self->stack, "loading");
      return;
    }
  if (shown > 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "list");
      return;
    }
  gtk_stack_set_visible_child_name (self->stack, "empty");
  if (bm_client_list_get_n_clients (self->clients) == 0)
    {
      adw_status_page_set_title (self->empty_page, _("No Clients Yet"));
      adw_status_page_set_description (self->empty_page,
                                       _("Each visit saved in the library adds its client here. Start with New Client."));
    }
  else
    {
      adw_status_page_set_title (self->empty_page, _("No Client Found"));
      adw_status_page_set_description (self->empty_page, _("Search by any part of the name or the email."));
    }
}

static void
on_items_changed_cb (BmClientsView *self)
{
  update_empty (self);
}

/* A row of one line each for the name and the rest, so that every row
 * is as high as the others and lays out its text without wrapping: GTK
 * 4.8's list view makes some 200 rows, not only those on screen */
static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  data)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);

  gtk_widget_set_margin_top (row, 9);
  gtk_widget_set_margin_bottom (row, 9);
  gtk_widget_set_margin_start (row, 12);
  gtk_widget_set_margin_end (row, 12);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (title), TRUE);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (subtitle), TRUE);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (texts), title);
  gtk_box_append (GTK_BOX (texts), subtitle);
  gtk_box_append (GTK_BOX (row), texts);
  gtk_list_item_set_child (list_item, row);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  data)
{
  BmClientItem *item = gtk_list_item_get_item (list_item);
  const BmClient *client = bm_client_item_get_client (item);
  GtkWidget *row = gtk_list_item_get_child (list_item);
  GtkWidget *texts = gtk_widget_get_first_child (row);
  GtkWidget *title = gtk_widget_get_first_child (texts);
  GtkWidget *subtitle = gtk_widget_get_next_sibling (title);
  GtkWidget *icon = gtk_widget_get_next_sibling (texts);

  if (bm_client_item_get_subtitle (item) == NULL)
    bm_client_item_set_subtitle (item, dup_subtitle (client));
  gtk_label_set_label (GTK_LABEL (title), bm_client_item_get_title (item));
  gtk_label_set_label (GTK_LABEL (subtitle), bm_client_item_get_subtitle (item));
  /* The whole line, which may be cut short on screen */
  gtk_widget_set_tooltip_text (subtitle, client->error);
  /* Made for the few damaged clients only */
  if (client->error != NULL && icon == NULL)
    {
      icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      gtk_widget_add_css_class (icon, "warning");
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Damaged"), -1);
      gtk_box_append (GTK_BOX (row), icon);
    }
  if (icon != NULL)
    gtk_widget_set_visible (icon, client->error != NULL);
}

static gboolean
unlimit_cb (gpointer data)
{
  BmClientsView *self = data;

  self->unlimit_id = 0;
  bm_client_list_set_limit (self->clients, G_MAXUINT);
  return G_SOURCE_REMOVE;
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   BmClientsView *self)
{
  g_clear_signal_handler (&self->after_paint_id, clock);
  g_clear_object (&self->paint_clock);
  if (self->unlimit_id == 0)
    self->unlimit_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, unlimit_cb, self, NULL);
}

/* The first time a library's clients fill the list: a screenful first.
 * GTK 4.8's list view makes rows for some 200 items around the top, not
 * only for those on screen, and making and laying out those rows is most
 * of the time to the first frame. The rest of the list comes right
 * after that frame. */
static void
show_first_rows (BmClientsView *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (clock == NULL || self->after_paint_id != 0)
    return;
  bm_client_list_set_limit (self->clients, FIRST_ROWS);
  self->paint_clock = g_object_ref (clock);
  self->after_paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), self);
}

static void
on_activate_cb (BmClientsView *self,
                guint          position)
{
  g_autoptr(BmClientItem) item = g_list_model_get_item (G_LIST_MODEL (self->clients), position);
  const BmClient *client = item ? bm_client_item_get_client (item) : NULL;

  if (client && client->error == NULL)
    g_signal_emit (self, signals[SIGNAL_CLIENT_ACTIVATED], 0, client->id);
}

static void
on_search_changed_cb (BmClientsView  *self,
                      GtkSearchEntry *entry)
{
  bm_clients_view_set_search (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

/* Enter opens the first client found */
static void
on_search_activate_cb (BmClientsView *self)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->clients)) > 0)
    on_activate_cb (self, 0);
}

static void
on_sort_selected_cb (BmClientsView *self)
{
  bm_clients_view_set_sort (self, (BmClientsSort) gtk_drop_down_get_selected (self->sort_dropdown));
}

static void
bm_clients_view_dispose (GObject *object)
{
  BmClientsView *self = BM_CLIENTS_VIEW (object);

  if (self->paint_clock != NULL)
    g_clear_signal_handler (&self->after_paint_id, self->paint_clock);
  g_clear_object (&self->paint_clock);
  g_clear_handle_id (&self->unlimit_id, g_source_remove);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->clients);
  g_clear_pointer (&self->search_key, g_free);

  G_OBJECT_CLASS (bm_clients_view_parent_class)->dispose (object);
}

static void
bm_clients_view_class_init (BmClientsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bm_clients_view_dispose;

  /* The client's id */
  signals[SIGNAL_CLIENT_ACTIVATED] =
    g_signal_new ("client-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "clientsview");
}

static void
bm_clients_view_init (BmClientsView *self)
{
  static const char * const sorts[] = { N_("By Name"), N_("By Last Visit"), N_("By Next Race"), NULL };
  const char *labels[G_N_ELEMENTS (sorts)];
  GtkWidget *bar, *scrolled, *clamp, *inner;
  GtkListItemFactory *factory;
  GtkNoSelection *selection;

  for (guint i = 0; i < G_N_ELEMENTS (sorts); i++)
    labels[i] = sorts[i] ? _(sorts[i]) : NULL;

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  /* Search and sort */
  bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_margin_top (bar, 12);
  gtk_widget_set_margin_bottom (bar, 6);
  gtk_widget_set_margin_start (bar, 12);
  gtk_widget_set_margin_end (bar, 12);
  self->search = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (self->search), TRUE);
  g_object_set (self->search, "placeholder-text", _("Search by name or email"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Search clients"), -1);
  g_signal_connect_object (self->search, "search-changed", G_CALLBACK (on_search_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search, "activate", G_CALLBACK (on_search_activate_cb), self, G_CONNECT_SWAPPED);
  self->sort_dropdown = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (labels));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->sort_dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Sort clients"), -1);
  g_signal_connect_object (self->sort_dropdown, "notify::selected", G_CALLBACK (on_sort_selected_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->search));
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->sort_dropdown));
  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 720);
  adw_clamp_set_child (ADW_CLAMP (clamp), bar);
  gtk_box_append (GTK_BOX (self->box), clamp);

  /* A library that cannot be changed here: said before anyone tries */
  {
    GtkWidget *label = gtk_label_new (_("This library is read-only here: visits can be opened and printed, not saved. Check the folder’s permissions, or that the share or disk is not read-only."));
    GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

    self->read_only_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
    gtk_widget_add_css_class (self->read_only_box, "card");
    gtk_widget_set_margin_start (self->read_only_box, 12);
    gtk_widget_set_margin_end (self->read_only_box, 12);
    gtk_widget_set_margin_bottom (self->read_only_box, 6);
    gtk_widget_add_css_class (icon, "warning");
    gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Warning"), -1);
    gtk_widget_set_margin_start (icon, 12);
    gtk_label_set_wrap (GTK_LABEL (label), TRUE);
    gtk_label_set_xalign (GTK_LABEL (label), 0);
    gtk_widget_set_margin_top (label, 9);
    gtk_widget_set_margin_bottom (label, 9);
    gtk_widget_set_margin_end (label, 12);
    gtk_box_append (GTK_BOX (self->read_only_box), icon);
    gtk_box_append (GTK_BOX (self->read_only_box), label);
    gtk_widget_set_visible (self->read_only_box, FALSE);
    clamp = adw_clamp_new ();
    adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 720);
    adw_clamp_set_child (ADW_CLAMP (clamp), self->read_only_box);
    gtk_box_append (GTK_BOX (self->box), clamp);
  }

  /* Copies sync tools made, to resolve */
  self->conflicts_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_add_css_class (self->conflicts_box, "card");
  gtk_widget_set_margin_start (self->conflicts_box, 12);
  gtk_widget_set_margin_end (self->conflicts_box, 12);
  gtk_widget_set_margin_bottom (self->conflicts_box, 6);
  self->conflicts_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->conflicts_label, TRUE);
  gtk_label_set_xalign (self->conflicts_label, 0);
  gtk_widget_set_margin_top (GTK_WIDGET (self->conflicts_label), 9);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->conflicts_label), 9);
  gtk_widget_set_margin_start (GTK_WIDGET (self->conflicts_label), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->conflicts_label), 12);
  gtk_box_append (GTK_BOX (self->conflicts_box), GTK_WIDGET (self->conflicts_label));
  gtk_widget_set_visible (self->conflicts_box, FALSE);
  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 720);
  adw_clamp_set_child (ADW_CLAMP (clamp), self->conflicts_box);
  gtk_box_append (GTK_BOX (self->box), clamp);

  /* The list */
  self->clients = bm_client_list_new ();
  g_signal_connect_object (self->clients, "items-changed", G_CALLBACK (on_items_changed_cb), self,
                           G_CONNECT_SWAPPED);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->clients)));
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  self->list = GTK_LIST_VIEW (gtk_list_view_new (GTK_SELECTION_MODEL (selection), factory));
  gtk_list_view_set_single_click_activate (self->list, TRUE);
  gtk_list_view_set_show_separators (self->list, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Clients"), -1);
  g_signal_connect_object (self->list, "activate", G_CALLBACK (on_activate_cb), self, G_CONNECT_SWAPPED);

  /* A scrollable clamp: the list view stays the scrolled window's
   * scrollable child, which builds only the rows on screen */
  inner = adw_clamp_scrollable_new ();
  adw_clamp_scrollable_set_maximum_size (ADW_CLAMP_SCROLLABLE (inner), 720);
  adw_clamp_scrollable_set_child (ADW_CLAMP_SCROLLABLE (inner), GTK_WIDGET (self->list));
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), inner);

  self->empty_page = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (self->empty_page, "system-users-symbolic");

  /* While the library is read, in another thread */
  {
    GtkWidget *loading = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
    GtkWidget *label = gtk_label_new (_("Loading clients…"));

    self->spinner = GTK_SPINNER (gtk_spinner_new ());
    gtk_widget_set_size_request (GTK_WIDGET (self->spinner), 32, 32);
    gtk_widget_add_css_class (label, "dim-label");
    gtk_widget_set_valign (loading, GTK_ALIGN_CENTER);
    gtk_widget_set_halign (loading, GTK_ALIGN_CENTER);
    gtk_box_append (GTK_BOX (loading), GTK_WIDGET (self->spinner));
    gtk_box_append (GTK_BOX (loading), label);
    self->loading_page = loading;
  }

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_stack_add_named (self->stack, scrolled, "list");
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->empty_page), "empty");
  gtk_stack_add_named (self->stack, self->loading_page, "loading");
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->stack));
  self->loading = TRUE;
  update_empty (self);
}

GtkWidget *
bm_clients_view_new (void)
{
  return g_object_new (BM_TYPE_CLIENTS_VIEW, NULL);
}

void
bm_clients_view_set_library (BmClientsView *self,
                             BmLibrary     *library)
{
  g_autoptr(GPtrArray) none = NULL;
  GPtrArray *clients;
  guint n_conflicts = 0;

  g_return_if_fail (BM_IS_CLIENTS_VIEW (self));
  g_return_if_fail (library == NULL || BM_IS_LIBRARY (library));

  clients = library ? bm_library_get_clients (library) : (none = g_ptr_array_new ());
  if (g_list_model_get_n_items (G_LIST_MODEL (self->clients)) == 0 && clients->len > FIRST_ROWS)
    show_first_rows (self);
  self->loading = library != NULL && !bm_library_get_loaded (library);
  for (guint i = 0; i < clients->len; i++)
    n_conflicts += ((const BmClient *) g_ptr_array_index (clients, i))->conflicts->len;
  if (library)
    n_conflicts += bm_library_get_conflicts (library)->len;
  bm_client_list_set_clients (self->clients, clients);

  gtk_widget_set_visible (self->conflicts_box, n_conflicts > 0);
  if (n_conflicts > 0)
    {
      g_autofree char *text = g_strdup_printf (ngettext ("A sync tool left %u conflict copy: two devices changed the same file. Open the client to compare and keep one.",
                                                         "A sync tool left %u conflict copies: two devices changed the same file. Open each client to compare and keep one.",
                                                         n_conflicts),
                                               n_conflicts);

      gtk_label_set_label (self->conflicts_label, text);
    }
  update_empty (self);
}

void
bm_clients_view_set_read_only (BmClientsView *self,
                               gboolean       read_only)
{
  g_return_if_fail (BM_IS_CLIENTS_VIEW (self));
  gtk_widget_set_visible (self->read_only_box, read_only);
}

void
bm_clients_view_set_search (BmClientsView *self,
                            const char    *text)
{
  g_autofree char *key = NULL;

  g_return_if_fail (BM_IS_CLIENTS_VIEW (self));

  if (text && *text)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (text));

      if (*stripped)
        key = g_utf8_casefold (stripped, -1);
    }
  if (g_strcmp0 (key, self->search_key) == 0)
    return;
  g_free (self->search_key);
  self->search_key = g_steal_pointer (&key);
  bm_client_list_set_search (self->clients, self->search_key);
  update_empty (self);
}

void
bm_clients_view_set_sort (BmClientsView *self,
                          BmClientsSort  sort)
{
  g_return_if_fail (BM_IS_CLIENTS_VIEW (self));

  if (self->sort == sort)
    return;
  self->sort = sort;
  if (gtk_drop_down_get_selected (self->sort_dropdown) != (guint) sort)
    gtk_drop_down_set_selected (self->sort_dropdown, sort);
  bm_client_list_set_sort (self->clients, sort);
}

GStrv
bm_clients_view_dup_shown_ids (BmClientsView *self)
{
  GListModel *model;
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();

  g_return_val_if_fail (BM_IS_CLIENTS_VIEW (self), NULL);

  model = G_LIST_MODEL (gtk_list_view_get_model (self->list));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(BmClientItem) item = g_list_model_get_item (model, i);

      g_strv_builder_add (ids, bm_client_item_get_client (item)->id);
    }
  return g_strv_builder_end (ids);
}

GtkWidget *
bm_clients_view_get_search_entry (BmClientsView *self)
{
  g_return_val_if_fail (BM_IS_CLIENTS_VIEW (self), NULL);
  return GTK_WIDGET (self->search);
}
