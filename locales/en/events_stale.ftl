## A Register button from an old event card
ev-stale-registered = This button is out of date: you're already on the list for this event. Here's what you have now.
ev-stale-full = This button is out of date: the places have gone since. You can join the waiting list below.
ev-stale-form = This button is out of date: it belongs to an earlier form. Please answer the latest question.
