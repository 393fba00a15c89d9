// The QueryParser every text query is read with: English stems for words (STEM_SOME), stop words
// dropped, words OR-ed so BM25 ranks partial matches. Callers add their own prefixes and flags.
#pragma once

#include <xapian.h>

namespace kb {

inline Xapian::QueryParser english_query_parser(const Xapian::Database& db, const Xapian::Stem& stemmer,
                                                const Xapian::Stopper* stopper) {
    Xapian::QueryParser qp;
    qp.set_database(db);
    qp.set_stemmer(stemmer);
    qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    qp.set_stopper(stopper);
    qp.set_default_op(Xapian::Query::OP_OR);
    return qp;
}

}  // namespace kb
