// SpellingTable: fills an index's spelling table (what did-you-mean suggests from) in one pass
// over its vocabulary, instead of one update per word as each thread is written.
#pragma once

#include <string>

#include <xapian.h>

namespace kb {

// A term that is a word of the text: schema prefixes are capital letters, a plain word starts
// with anything else.
bool is_plain_word(const std::string& term);

// Adds every plain word of the index (its unprefixed terms) to the spelling table, with its
// frequency in the index: its occurrences weighted as the fields they are in (a title's words
// count more). Returns the number of words added.
Xapian::termcount add_vocabulary_spelling(Xapian::WritableDatabase& db);

}  // namespace kb
