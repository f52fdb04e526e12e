"""One router per resource; each module exports `routes`. Route names are the journal/fault endpoint names."""
