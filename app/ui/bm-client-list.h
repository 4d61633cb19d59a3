/* bm-client-list.h: the clients of a library as a list model, filtered
 * and sorted, with an item made only for the rows that are shown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bm-library.h"

G_BEGIN_DECLS

typedef enum
{
  BM_CLIENTS_SORT_NAME,
  BM_CLIENTS_SORT_LAST_VISIT,  /* most recent first */
  BM_CLIENTS_SORT_NEXT_RACE,   /* soonest first, none last */
} BmClientsSort;

/* One client as listed */
#define BM_TYPE_CLIENT_ITEM (bm_client_item_get_type ())
G_DECLARE_FINAL_TYPE (BmClientItem, bm_client_item, BM, CLIENT_ITEM, GObject)

const BmClient *bm_client_item_get_client   (BmClientItem *self);
/* The name, or the id when the details are damaged */
const char     *bm_client_item_get_title    (BmClientItem *self);
/* What the row says under the title: made by the list's view when the
 * row is first shown, then kept (NULL until then) */
const char     *bm_client_item_get_subtitle (BmClientItem *self);
void            bm_client_item_set_subtitle (BmClientItem *self,
                                             char         *subtitle);

#define BM_TYPE_CLIENT_LIST (bm_client_list_get_type ())
G_DECLARE_FINAL_TYPE (BmClientList, bm_client_list, BM, CLIENT_LIST, GObject)

BmClientList *bm_client_list_new          (void);
/* @clients: a library's clients (bm_library_get_clients()), sorted by
 * name; the list keeps a reference. Clients that were in the last array
 * too (the same BmClient) keep their items, and only the rows between
 * the first and the last change are said to change. */
void          bm_client_list_set_clients  (BmClientList  *self,
                                           GPtrArray     *clients);
/* Shows only the first @limit clients found (G_MAXUINT: all), so that a
 * list view paints its first screenful without making rows for the
 * rest; the rows beyond come when the limit is lifted */
void          bm_client_list_set_limit    (BmClientList  *self,
                                           guint          limit);
guint         bm_client_list_get_n_clients (BmClientList *self);
/* @key: case-folded; NULL or "" shows every client */
void          bm_client_list_set_search   (BmClientList  *self,
                                           const char    *key);
void          bm_client_list_set_sort     (BmClientList  *self,
                                           BmClientsSort  sort);

G_END_DECLS
