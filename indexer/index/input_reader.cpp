#include "indexer/index/input_reader.h"

#include <algorithm>
#include <map>
#include <memory>
#include <ostream>
#include <utility>

namespace kb {

namespace fs = std::filesystem;

namespace {

// Thrown through a parser when the taker wants no more threads.
struct StopReading {};

}  // namespace

// Hidden files, editor leftovers and a folder's Markdown notes (README.md) are not threads; a
// file named on its own always is read.
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

void SkipLog::skip(ParseError&& error) {
    const std::lock_guard lock(mutex_);
    log_ << (show_progress_ ? "\r" : "") << "skipped " << error.what() << "\n";
    skipped_.push_back(std::move(error));
}

void SkipLog::warn(ParseError&& warning) {
    const std::lock_guard lock(mutex_);
    log_ << (show_progress_ ? "\r" : "") << "warning: " << warning.what() << "\n";
    ++warnings_;
}

std::size_t SkipLog::warnings() const {
    const std::lock_guard lock(mutex_);
    return warnings_;
}

std::vector<ParseError> SkipLog::take() {
    const std::lock_guard lock(mutex_);
    return std::exchange(skipped_, {});
}

BuildProgress::Mode progress_mode(const BuildOptions& options) {
    if (options.show_progress) return BuildProgress::Mode::Terminal;
    return options.progress_lines ? BuildProgress::Mode::Lines : BuildProgress::Mode::Off;
}

bool read_threads(const BuildOptions& options, const std::vector<fs::path>& files, BuildReport& report, SkipLog& skips,
                  const std::function<bool(Thread&&)>& take) {
    std::map<InputFormat, std::unique_ptr<ThreadParser>> parsers;
    std::map<std::string, std::string> seen_ids;  // thread id -> where it came from (file:line)
    for (const fs::path& file : files) {
        const InputFormat format = options.format == InputFormat::Auto ? detect_input_format(file) : options.format;
        auto& parser = parsers[format];
        if (!parser) parser = make_thread_parser(format);
        auto skip = [&](ParseError&& e) { skips.skip(std::move(e)); };
        auto warn = [&](ParseError&& e) { skips.warn(std::move(e)); };
        auto index_thread = [&](Thread&& thread) {
            const std::string where =
                file.string() + (thread.source_line > 0 ? ":" + std::to_string(thread.source_line) : std::string());
            if (auto [it, inserted] = seen_ids.emplace(thread.id, where); !inserted) {
                skip(ParseError(
                    file.string(), thread.source_line,
                    "duplicate thread id '" + thread.id.substr(0, 80) + "' (first at " + it->second + "): skipped"));
                return;
            }
            if (!take(std::move(thread))) throw StopReading();
            ++report.threads_indexed;
        };
        try {
            parser->parse_file(file, ParseSinks{index_thread, skip, warn});
        } catch (const StopReading&) {
            return false;
        }
        ++report.files_read;
    }
    return true;
}

}  // namespace kb
