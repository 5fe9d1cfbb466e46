package store

// itemList is a doubly linked list of memItems threaded through the items
// themselves (their links[which]), so that an entry in both the LRU and the
// expiry list is one allocation, not three as with container/list.
type itemList struct {
	which      int // the index in memItem.links
	head, tail *memItem
	n          int
}

// links are an item's neighbours in one list.
type links struct {
	prev, next *memItem
	in         bool
}

func (l *itemList) Len() int        { return l.n }
func (l *itemList) Front() *memItem { return l.head }
func (l *itemList) Back() *memItem  { return l.tail }

// prev is the item before it (towards the front), or nil.
func (l *itemList) prev(it *memItem) *memItem { return it.links[l.which].prev }

// next is the item after it (towards the back), or nil.
func (l *itemList) next(it *memItem) *memItem { return it.links[l.which].next }

// insertAfter puts it after at; a nil at means at the front.
func (l *itemList) insertAfter(it, at *memItem) {
	k := &it.links[l.which]
	k.in, k.prev = true, at
	if at == nil {
		k.next, l.head = l.head, it
	} else {
		k.next = at.links[l.which].next
		at.links[l.which].next = it
	}
	if k.next == nil {
		l.tail = it
	} else {
		k.next.links[l.which].prev = it
	}
	l.n++
}

func (l *itemList) PushFront(it *memItem) { l.insertAfter(it, nil) }

func (l *itemList) Remove(it *memItem) {
	k := &it.links[l.which]
	if !k.in {
		return
	}
	if k.prev == nil {
		l.head = k.next
	} else {
		k.prev.links[l.which].next = k.next
	}
	if k.next == nil {
		l.tail = k.prev
	} else {
		k.next.links[l.which].prev = k.prev
	}
	*k = links{}
	l.n--
}

func (l *itemList) MoveToFront(it *memItem) {
	if l.head == it {
		return
	}
	l.Remove(it)
	l.PushFront(it)
}
