#include "indexer/index/index_builder.h"

#include <algorithm>
#include <map>
#include <ostream>

#include <xapian.h>

#include "indexer/index/duplicate_groups.h"
#include "indexer/index/index_publisher.h"
#include "indexer/index/index_writer.h"
#include "indexer/index/synonym_table.h"
#include "indexer/ingest/thread_pipeline.h"

namespace kb {

namespace fs = std::filesystem;

namespace {

// Files under the inputs, sorted so a build is repeatable. Hidden files, editor leftovers and
// a folder's Markdown notes (README.md) are not threads; a file named on its own always is read.
std::vector<fs::path> collect_files(const std::vector<fs::path>& inputs) {
    std::vector<fs::path> files;
    for (const fs::path& input : inputs) {
        std::error_code ec;
        if (fs::is_directory(input, ec)) {
            for (auto it = fs::recursive_directory_iterator(input, ec); it != fs::recursive_directory_iterator();
                 it.increment(ec)) {
                if (ec) break;
                const std::string name = it->path().filename().string();
                if (name.empty() || name[0] == '.' || name.back() == '~' || it->path().extension() == ".md") continue;
                if (it->is_regular_file(ec)) files.push_back(it->path());
            }
            std::sort(files.begin(), files.end());
        } else if (fs::exists(input, ec)) {
            files.push_back(input);
        } else {
            throw IndexError("input not found: " + input.string());
        }
        if (ec) throw IndexError("cannot read " + input.string() + ": " + ec.message());
    }
    return files;
}

}  // namespace

BuildReport IndexBuilder::build(const BuildOptions& options, std::ostream& log) const {
    const auto started = std::chrono::steady_clock::now();
    BuildReport report;
    const std::vector<fs::path> files = collect_files(options.inputs);
    if (files.empty()) throw IndexError("no input files found");

    IndexPublisher publisher(options.db);
    report.generation = publisher.new_generation();
    try {
        IndexWriter writer(report.generation);
        ThreadPipeline pipeline;
        std::map<InputFormat, std::unique_ptr<ThreadParser>> parsers;
        std::map<std::string, std::string> seen_ids;  // thread id -> file it came from

        for (const fs::path& file : files) {
            const InputFormat format = options.format == InputFormat::Auto ? detect_input_format(file) : options.format;
            auto& parser = parsers[format];
            if (!parser) parser = make_thread_parser(format);
            // Each skip is printed as it happens, so its reason reaches the user even when the
            // build ends without an index.
            auto skip = [&](ParseError&& e) {
                log << (options.show_progress ? "\r" : "") << "skipped " << e.what() << "\n";
                report.skipped.push_back(std::move(e));
            };
            auto index_thread = [&](Thread&& thread) {
                if (auto [it, inserted] = seen_ids.emplace(thread.id, file.string()); !inserted) {
                    skip(ParseError(file.string(), 0,
                                    "duplicate thread id '" + thread.id + "' (first in " + it->second + "): skipped"));
                    return;
                }
                writer.add(pipeline.prepare(std::move(thread)));
                ++report.threads_indexed;
            };
            parser->parse_file(file, ParseSinks{index_thread, skip});
            ++report.files_read;
            if (options.show_progress)
                log << "\rindexing: " << report.files_read << "/" << files.size() << " files, "
                    << report.threads_indexed << " threads" << std::flush;
        }
        if (options.show_progress) log << "\n";
        if (report.threads_indexed == 0) throw IndexError("no thread could be indexed; the live index is unchanged");
        const Normaliser normaliser;
        store_synonyms(writer.database(), options.synonyms.empty()
                                              ? default_synonyms(normaliser)
                                              : parse_synonyms(read_input_file(options.synonyms, 1 << 20), normaliser));
        writer.commit();
        report.threads_in_duplicate_groups = DuplicateGroups().mark(writer.database());
        writer.commit();
    } catch (...) {
        // A failed build must not leave a half-written generation behind (nor touch the live one).
        std::error_code ec;
        fs::remove_all(report.generation, ec);
        throw;
    }
    publisher.publish(report.generation);
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return report;
}

}  // namespace kb
