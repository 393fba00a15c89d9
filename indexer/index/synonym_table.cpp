#include "indexer/index/synonym_table.h"

#include <set>
#include <string>

#include "indexer/index/index_lock.h"
#include "indexer/index/index_publisher.h"
#include "indexer/index/index_updater.h"
#include "indexer/ingest/thread_parser.h"
#include "indexer/schema/generation_check.h"
#include "indexer/schema/index_layout.h"
#include "indexer/text/errors.h"

namespace kb {

void store_synonyms(Xapian::WritableDatabase& db, const std::vector<SynonymGroup>& groups) {
    std::set<std::string> old_keys;
    for (auto k = db.synonym_keys_begin(); k != db.synonym_keys_end(); ++k) old_keys.insert(*k);
    for (const std::string& key : old_keys) db.clear_synonyms(key);
    for (const SynonymGroup& group : groups)
        for (const std::string& form : group)
            for (const std::string& other : group)
                if (other != form) db.add_synonym(form, other);
}

SynonymsReport replace_live_synonyms(const std::filesystem::path& index_dir, const std::filesystem::path& synonyms_file,
                                     std::ostream* log) {
    const Normaliser normaliser;
    const auto groups = parse_synonyms(read_input_file(synonyms_file, 1 << 20), normaliser);
    const IndexLock lock(index_dir, std::chrono::seconds(30), log);
    const auto live = live_generation(index_dir);
    if (!live) throw IndexError("no published index at " + index_dir.string());
    IndexPublisher(index_dir).reclaim();  // what a killed build left, now that no build can run
    const std::filesystem::path generation = index_dir / *live;
    GenerationCheck::check_format(generation, index_dir.string());
    SynonymsReport report;
    const bool whole = GenerationCheck::known_whole(generation);
    report.repaired = IndexUpdater::complete_cut_off_update(generation);
    Xapian::WritableDatabase writable(generation.string(), Xapian::DB_OPEN);
    store_synonyms(writable, groups);
    writable.commit();
    if (whole) GenerationCheck::remember_whole(generation);
    report.groups = groups.size();
    return report;
}

}  // namespace kb
