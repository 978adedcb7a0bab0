/* ghost.c: ghost lists: the page numbers of recently evicted pages (arc, 2q, s3fifo). */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "replace-int.h"

#define NIL UINT32_MAX

int ghost_init(struct ghost *g, uint32_t cap)
{
	uint32_t i, n = cap ? cap : 1;

	memset(g, 0, sizeof *g);
	g->cap = cap;
	g->head = g->tail = NIL;
	g->page = calloc(n, sizeof *g->page);
	g->prev = calloc(n, sizeof *g->prev);
	g->next = calloc(n, sizeof *g->next);
	if (!g->page || !g->prev || !g->next ||
	    osc_map_init(&g->where, n) != OSC_OK) {
		ghost_free(g);
		return OSC_ENOMEM;
	}
	for (i = 0; i < n; i++)
		g->next[i] = i + 1 < n ? i + 1 : NIL;
	g->free = 0;
	return OSC_OK;
}

void ghost_free(struct ghost *g)
{
	free(g->page);
	free(g->prev);
	free(g->next);
	osc_map_free(&g->where);
	g->page = NULL;
	g->prev = g->next = NULL;
}

bool ghost_has(struct ghost *g, uint64_t page)
{
	return osc_map_get(&g->where, page) != NULL;
}

static void ghost_unlink(struct ghost *g, uint32_t n)
{
	if (g->prev[n] != NIL)
		g->next[g->prev[n]] = g->next[n];
	else
		g->head = g->next[n];
	if (g->next[n] != NIL)
		g->prev[g->next[n]] = g->prev[n];
	else
		g->tail = g->prev[n];
	osc_map_del(&g->where, g->page[n]);
	g->next[n] = g->free;
	g->free = n;
	g->len--;
}

bool ghost_remove(struct ghost *g, uint64_t page)
{
	uint64_t *v = osc_map_get(&g->where, page);

	if (v == NULL)
		return false;
	ghost_unlink(g, (uint32_t)*v);
	return true;
}

void ghost_drop_tail(struct ghost *g)
{
	if (g->tail != NIL)
		ghost_unlink(g, g->tail);
}

/* Memory for the map is reserved at init for cap pages, so the insertion
 * cannot fail for want of memory in practice; if it does, the page is
 * simply not remembered (a ghost list is advice, not state). */
void ghost_push(struct ghost *g, uint64_t page)
{
	uint32_t n;

	if (g->cap == 0)
		return;
	ghost_remove(g, page);
	if (g->len == g->cap)
		ghost_drop_tail(g);
	n = g->free;
	if (osc_map_put(&g->where, page, n) != OSC_OK)
		return;
	g->free = g->next[n];
	g->page[n] = page;
	g->prev[n] = NIL;
	g->next[n] = g->head;
	if (g->head != NIL)
		g->prev[g->head] = n;
	else
		g->tail = n;
	g->head = n;
	g->len++;
}
