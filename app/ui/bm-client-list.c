/* bm-client-list.c
 *
 * A library of 10,000 clients is shown without 10,000 objects: the list
 * is an array of positions in the library's own array of clients, in
 * the order shown, and an item is made when GTK asks for one (for the
 * rows on screen, and a few around them). Sorting by name is the
 * library's order; the other sorts and the search work on the clients
 * themselves, with what they compare worked out once, when first needed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bm-client-list"

#include "config.h"

#include <string.h>

#include "bm-client-list.h"

struct _BmClientItem
{
  GObject         parent_instance;

  GPtrArray      *clients;    /* a reference: keeps @client alive */
  const BmClient *client;
  char           *subtitle;
};

G_DEFINE_FINAL_TYPE (BmClientItem, bm_client_item, G_TYPE_OBJECT)

struct _BmClientList
{
  GObject        parent_instance;

  GPtrArray     *clients;    /* BmClient*, the library's */
  GArray        *order;      /* guint: positions in @clients, as shown */
  BmClientItem **items;      /* one per client, made when asked for */
  char         **search;     /* case-folded name and email, when first searched */
  const char   **last_visit; /* YYYY-MM-DD or NULL, when first sorted by it */
  const char   **next_race;
  char          *key;
  BmClientsSort  sort;
  guint          limit;      /* at most this many shown for now */
};

static void bm_client_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (BmClientList, bm_client_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, bm_client_list_model_init))

static void
bm_client_item_finalize (GObject *object)
{
  BmClientItem *self = BM_CLIENT_ITEM (object);

  g_clear_pointer (&self->clients, g_ptr_array_unref);
  g_free (self->subtitle);
  G_OBJECT_CLASS (bm_client_item_parent_class)->finalize (object);
}

static void
bm_client_item_class_init (BmClientItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bm_client_item_finalize;
}

static void
bm_client_item_init (BmClientItem *self)
{
}

const BmClient *
bm_client_item_get_client (BmClientItem *self)
{
  g_return_val_if_fail (BM_IS_CLIENT_ITEM (self), NULL);
  return self->client;
}

const char *
bm_client_item_get_title (BmClientItem *self)
{
  g_return_val_if_fail (BM_IS_CLIENT_ITEM (self), NULL);
  return self->client->name ? self->client->name : self->client->id;
}

const char *
bm_client_item_get_subtitle (BmClientItem *self)
{
  g_return_val_if_fail (BM_IS_CLIENT_ITEM (self), NULL);
  return self->subtitle;
}

void
bm_client_item_set_subtitle (BmClientItem *self,
                             char         *subtitle)
{
  g_return_if_fail (BM_IS_CLIENT_ITEM (self));
  g_free (self->subtitle);
  self->subtitle = subtitle;
}

static void
clear_caches (BmClientList *self,
              guint         n)
{
  for (guint i = 0; self->items && i < n; i++)
    g_clear_object (&self->items[i]);
  g_clear_pointer (&self->items, g_free);
  if (self->search)
    for (guint i = 0; i < n; i++)
      g_free (self->search[i]);
  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->last_visit, g_free);
  g_clear_pointer (&self->next_race, g_free);
}

static void
ensure_search (BmClientList *self)
{
  if (self->search != NULL)
    return;
  self->search = g_new0 (char *, self->clients->len);
  for (guint i = 0; i < self->clients->len; i++)
    {
      const BmClient *client = g_ptr_array_index (self->clients, i);
      g_autofree char *text = g_strconcat (client->name ? client->name : client->id, "\n",
                                           client->email ? client->email : "", NULL);

      self->search[i] = g_utf8_casefold (text, -1);
    }
}

static void
ensure_dates (BmClientList *self)
{
  if (self->last_visit != NULL)
    return;
  self->last_visit = g_new0 (const char *, self->clients->len);
  self->next_race = g_new0 (const char *, self->clients->len);
  for (guint i = 0; i < self->clients->len; i++)
    {
      const BmVisitInfo *last = bm_client_get_latest_visit (g_ptr_array_index (self->clients, i));

      self->last_visit[i] = last ? last->date : NULL;
      self->next_race[i] = last ? last->next_race : NULL;
    }
}

/* Dates compare as text (YYYY-MM-DD); a missing one goes last */
static int
compare_dates (const char *a,
               const char *b,
               gboolean    newest_first)
{
  if ((a == NULL) != (b == NULL))
    return a == NULL ? 1 : -1;
  if (a == NULL)
    return 0;
  return newest_first ? strcmp (b, a) : strcmp (a, b);
}

/* Equal dates keep the library's order: by name, then id */
static int
compare_positions (gconstpointer a,
                   gconstpointer b,
                   gpointer      data)
{
  BmClientList *self = data;
  guint x = *(const guint *) a;
  guint y = *(const guint *) b;
  int c;

  if (self->sort == BM_CLIENTS_SORT_LAST_VISIT)
    c = compare_dates (self->last_visit[x], self->last_visit[y], TRUE);
  else
    c = compare_dates (self->next_race[x], self->next_race[y], FALSE);
  return c != 0 ? c : (x > y) - (x < y);
}

static GArray *
make_order (BmClientList *self)
{
  guint n = self->clients ? self->clients->len : 0;
  GArray *order = g_array_sized_new (FALSE, FALSE, sizeof (guint), n);

  if (self->key)
    ensure_search (self);
  for (guint i = 0; i < n; i++)
    if (self->key == NULL || strstr (self->search[i], self->key) != NULL)
      g_array_append_val (order, i);
  if (self->sort != BM_CLIENTS_SORT_NAME && order->len > 1)
    {
      ensure_dates (self);
      g_qsort_with_data (order->data, (gint) order->len, sizeof (guint), compare_positions, self);
    }
  return order;
}

/* Puts @order in place, saying which rows changed: those between the
 * first and the last that show another client than before */
static void
replace_order (BmClientList *self,
               GPtrArray    *old_clients,
               GArray       *order)
{
  g_autoptr(GArray) old = self->order;
  guint n_old = MIN (old->len, self->limit), n_new = MIN (order->len, self->limit);
  guint prefix = 0, suffix = 0;

  self->order = order;
  while (prefix < n_old && prefix < n_new &&
         g_ptr_array_index (old_clients, g_array_index (old, guint, prefix)) ==
         g_ptr_array_index (self->clients, g_array_index (order, guint, prefix)))
    prefix++;
  while (suffix < n_old - prefix && suffix < n_new - prefix &&
         g_ptr_array_index (old_clients, g_array_index (old, guint, n_old - 1 - suffix)) ==
         g_ptr_array_index (self->clients, g_array_index (order, guint, n_new - 1 - suffix)))
    suffix++;
  if (n_old - prefix - suffix > 0 || n_new - prefix - suffix > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), prefix, n_old - prefix - suffix, n_new - prefix - suffix);
}

static GType
bm_client_list_get_item_type (GListModel *model)
{
  return BM_TYPE_CLIENT_ITEM;
}

static guint
bm_client_list_get_n_items (GListModel *model)
{
  BmClientList *self = BM_CLIENT_LIST (model);

  return MIN (self->order->len, self->limit);
}

static gpointer
bm_client_list_get_item (GListModel *model,
                         guint       position)
{
  BmClientList *self = BM_CLIENT_LIST (model);
  guint i;

  if (position >= MIN (self->order->len, self->limit))
    return NULL;
  i = g_array_index (self->order, guint, position);
  if (self->items[i] == NULL)
    {
      BmClientItem *item = g_object_new (BM_TYPE_CLIENT_ITEM, NULL);

      item->clients = g_ptr_array_ref (self->clients);
      item->client = g_ptr_array_index (self->clients, i);
      self->items[i] = item;
    }
  return g_object_ref (self->items[i]);
}

static void
bm_client_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = bm_client_list_get_item_type;
  iface->get_n_items = bm_client_list_get_n_items;
  iface->get_item = bm_client_list_get_item;
}

static void
bm_client_list_finalize (GObject *object)
{
  BmClientList *self = BM_CLIENT_LIST (object);

  clear_caches (self, self->clients ? self->clients->len : 0);
  g_clear_pointer (&self->clients, g_ptr_array_unref);
  g_clear_pointer (&self->order, g_array_unref);
  g_free (self->key);
  G_OBJECT_CLASS (bm_client_list_parent_class)->finalize (object);
}

static void
bm_client_list_class_init (BmClientListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bm_client_list_finalize;
}

static void
bm_client_list_init (BmClientList *self)
{
  self->order = g_array_new (FALSE, FALSE, sizeof (guint));
  self->limit = G_MAXUINT;
}

BmClientList *
bm_client_list_new (void)
{
  return g_object_new (BM_TYPE_CLIENT_LIST, NULL);
}

void
bm_client_list_set_clients (BmClientList *self,
                            GPtrArray    *clients)
{
  g_autoptr(GPtrArray) old_clients = NULL;
  g_autoptr(GHashTable) kept = NULL;
  BmClientItem **old_items;
  guint n_old;

  g_return_if_fail (BM_IS_CLIENT_LIST (self));
  g_return_if_fail (clients != NULL);

  if (clients == self->clients)
    return;
  old_clients = g_steal_pointer (&self->clients);
  n_old = old_clients ? old_clients->len : 0;

  /* The items made already, for the clients that are still there */
  kept = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_object_unref);
  old_items = g_steal_pointer (&self->items);
  for (guint i = 0; old_items && i < n_old; i++)
    if (old_items[i])
      g_hash_table_insert (kept, (gpointer) old_items[i]->client, old_items[i]);
  g_free (old_items);
  clear_caches (self, n_old);

  self->clients = g_ptr_array_ref (clients);
  self->items = g_new0 (BmClientItem *, clients->len);
  if (g_hash_table_size (kept) > 0)
    for (guint i = 0; i < clients->len; i++)
      {
        gpointer client = g_ptr_array_index (clients, i);
        BmClientItem *item;

        if (g_hash_table_steal_extended (kept, client, NULL, (gpointer *) &item))
          {
            /* Keeps the new array, so that the old one can go */
            g_ptr_array_unref (item->clients);
            item->clients = g_ptr_array_ref (clients);
            self->items[i] = item;
          }
      }

  replace_order (self, old_clients, make_order (self));
}

void
bm_client_list_set_limit (BmClientList *self,
                          guint         limit)
{
  guint before, after;

  g_return_if_fail (BM_IS_CLIENT_LIST (self));

  before = MIN (self->order->len, self->limit);
  after = MIN (self->order->len, limit);
  self->limit = limit;
  if (after > before)
    g_list_model_items_changed (G_LIST_MODEL (self), before, 0, after - before);
  else if (after < before)
    g_list_model_items_changed (G_LIST_MODEL (self), after, before - after, 0);
}

guint
bm_client_list_get_n_clients (BmClientList *self)
{
  g_return_val_if_fail (BM_IS_CLIENT_LIST (self), 0);
  return self->clients ? self->clients->len : 0;
}

void
bm_client_list_set_search (BmClientList *self,
                           const char   *key)
{
  g_return_if_fail (BM_IS_CLIENT_LIST (self));

  if (key && *key == '\0')
    key = NULL;
  if (g_strcmp0 (key, self->key) == 0)
    return;
  g_free (self->key);
  self->key = g_strdup (key);
  if (self->clients)
    replace_order (self, self->clients, make_order (self));
}

void
bm_client_list_set_sort (BmClientList  *self,
                         BmClientsSort  sort)
{
  g_return_if_fail (BM_IS_CLIENT_LIST (self));

  if (self->sort == sort)
    return;
  self->sort = sort;
  if (self->clients)
    replace_order (self, self->clients, make_order (self));
}
