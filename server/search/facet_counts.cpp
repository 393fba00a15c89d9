#include "server/search/facet_counts.h"

#include <set>

#include "indexer/schema/schema.h"

namespace kb {

FacetCounts count_facets(const Xapian::ValueCountMatchSpy& spy) {
    FacetCounts counts;
    counts.seen = static_cast<double>(spy.get_total());
    double keyed = 0;
    std::set<std::string> groups;
    for (auto it = spy.values_begin(); it != spy.values_end(); ++it) {
        const std::string& key = *it;
        const auto n = static_cast<double>(it.get_termfreq());
        keyed += n;
        const std::size_t cut = key.find(schema::kFacetGroupSeparator);
        const std::string label = key.substr(0, cut);
        // A group seen n times counts once: n threads of one local database, or one thread
        // from each of n shards that folded their own (xapian-tcpsrv feeds spies after folding).
        const bool grouped = cut != std::string::npos;
        if (grouped) groups.insert(key.substr(cut + 1));
        if (!label.empty()) {
            counts.threads[label] += n;
            counts.folded[label] += grouped ? 1 : n;
        }
        if (!grouped) counts.folded_total += n;
    }
    counts.folded_total += counts.seen - keyed + static_cast<double>(groups.size());  // unlabelled singles, groups
    return counts;
}

}  // namespace kb
