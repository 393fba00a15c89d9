// SpellingTable: fills an index's spelling table (what did-you-mean suggests from) in one pass
// over its vocabulary, instead of one update per word as each thread is written.
#pragma once

#include <string>

#include <xapian.h>

namespace kb {

// A term that is a word of the text: schema prefixes are capital letters, a plain word starts
// with anything else.
bool is_plain_word(const std::string& term);

// Adds every plain word of `source` (its unprefixed terms) to the spelling table of `db`, with
// its frequency in `source`: its occurrences weighted as the fields they are in (a title's
// words count more). Returns the number of words added.
Xapian::termcount add_vocabulary_spelling(Xapian::WritableDatabase& db, const Xapian::Database& source);

}  // namespace kb
