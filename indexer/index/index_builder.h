// IndexBuilder: the `kbsearch index` loop. Walks the inputs and parses each file with its format's
// parser on one thread, while `jobs` writer threads prepare and write the threads into parts of
// a new generation; the parts are merged, grouped and published when complete.
#pragma once

#include <chrono>
#include <filesystem>
#include <iosfwd>
#include <string>
#include <vector>

#include "indexer/ingest/thread_parser.h"
#include "indexer/text/errors.h"

namespace kb {

struct BuildOptions {
    std::vector<std::filesystem::path> inputs;  // files or folders (walked recursively)
    std::filesystem::path db;                   // index directory (see IndexPublisher)
    InputFormat format = InputFormat::Auto;
    bool show_progress = false;      // a live progress line on `log` (a terminal)
    bool progress_lines = false;     // not a terminal: a progress line on `log` every few seconds
    std::filesystem::path synonyms;  // synonyms file; empty for indexer/text/synonyms.txt
    unsigned jobs = 0;               // writer threads; 0 for one per core
    unsigned shards = 0;             // > 0: that many shard databases, kept apart (schema.h)
    std::chrono::milliseconds lock_wait = std::chrono::seconds(30);  // for another writer of `db`
    // Fit the answer model to the forum's own accepted answers (ForumAnswerFit) and keep it where
    // it beats the built-in one; with at least this many threads that have an accepted answer.
    bool learn_answers = true;
    std::size_t learn_answers_min_threads = 300;
};

struct BuildReport {
    std::size_t files_read = 0;
    std::size_t threads_indexed = 0;
    std::size_t threads_in_duplicate_groups = 0;
    std::vector<ParseError> skipped;  // files or records left out, with reasons
    std::size_t warnings = 0;         // records kept with a field left out (printed as they came)
    std::filesystem::path generation;
    double seconds = 0;
    // Where the time went: parsing, preparing and writing (in parallel), merging, grouping, and
    // checking the generation before it is published (GenerationCheck).
    double write_seconds = 0, merge_seconds = 0, group_seconds = 0, check_seconds = 0;
    std::string answer_model;  // which answer model picked the canonical answers, and how it fared
};

class IndexBuilder {
  public:
    // Throws IndexError when nothing could be indexed or the index cannot be written; the
    // previously published index stays live in that case.
    BuildReport build(const BuildOptions& options, std::ostream& log) const;
};

}  // namespace kb
