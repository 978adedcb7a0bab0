/* test-list.c: the intrusive circular list helpers of util.h. */
#include <config.h>

#include <stdarg.h>

#include "osconcepts.h"
#include "tap.h"

struct elem {
	int id;
	struct osc_list link;
};

/* The ids of h's elements front to back, as a string like "3 1 2". */
static const char *ids(struct osc_list *h)
{
	static char buf[256];
	struct osc_list *pos;
	size_t n = 0;

	buf[0] = '\0';
	osc_list_foreach(pos, h)
		n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%d",
				      n ? " " : "",
				      osc_container_of(pos, struct elem, link)->id);
	return buf;
}

/* The ids back to front through prev, to check both directions agree. */
static const char *ids_rev(struct osc_list *h)
{
	static char buf[256];
	struct osc_list *pos;
	size_t n = 0;

	buf[0] = '\0';
	for (pos = h->prev; pos != h; pos = pos->prev)
		n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%d",
				      n ? " " : "",
				      osc_container_of(pos, struct elem, link)->id);
	return buf;
}

int main(void)
{
	struct elem e[5];
	struct osc_list h, h2;
	int i;

	for (i = 0; i < 5; i++) {
		e[i].id = i;
		osc_list_init(&e[i].link);
	}
	osc_list_init(&h);
	osc_list_init(&h2);
	ok(osc_list_empty(&h), "a new list is empty");
	is_str(ids(&h), "", "foreach over an empty list visits nothing");

	osc_list_push_back(&h, &e[1].link);
	osc_list_push_back(&h, &e[2].link);
	osc_list_push_front(&h, &e[0].link);
	osc_list_push_back(&h, &e[3].link);
	ok(!osc_list_empty(&h), "not empty after pushes");
	is_str(ids(&h), "0 1 2 3", "push_front and push_back order");
	is_str(ids_rev(&h), "3 2 1 0", "prev links mirror next links");
	ok(osc_container_of(osc_list_first(&h), struct elem, link) == &e[0],
	   "first is the front element (container_of)");
	ok(osc_container_of(osc_list_last(&h), struct elem, link) == &e[3],
	   "last is the back element");

	osc_list_remove(&e[2].link);
	is_str(ids(&h), "0 1 3", "remove from the middle");
	ok(e[2].link.next == &e[2].link && e[2].link.prev == &e[2].link,
	   "a removed node points to itself");
	osc_list_remove(&e[0].link);
	osc_list_remove(&e[3].link);
	is_str(ids(&h), "1", "remove the front and the back");
	is_str(ids_rev(&h), "1", "one element both ways");

	osc_list_push_back(&h, &e[0].link);
	osc_list_push_back(&h, &e[3].link);
	osc_list_move_front(&h, &e[3].link);
	is_str(ids(&h), "3 1 0", "move_front of the back element (LRU touch)");
	osc_list_move_front(&h, &e[3].link);
	is_str(ids(&h), "3 1 0", "move_front of the front element is a no-op");
	osc_list_move_front(&h, &e[2].link);
	is_str(ids(&h), "2 3 1 0", "move_front of an unlinked node inserts it");
	osc_list_move_front(&h2, &e[1].link);
	is_str(ids(&h), "2 3 0", "move_front to another list takes it out ...");
	is_str(ids(&h2), "1", "... and puts it there");
	is_str(ids_rev(&h), "0 3 2", "links stay consistent after moves");

	for (i = 0; i < 5; i++)
		if (e[i].link.next != &e[i].link)
			osc_list_remove(&e[i].link);
	ok(osc_list_empty(&h) && osc_list_empty(&h2),
	   "removing every element empties both lists");
	return tap_done();
}
