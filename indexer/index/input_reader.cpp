#include "indexer/index/input_reader.h"

#include <algorithm>
#include <map>
#include <memory>
#include <ostream>
#include <utility>

#include "indexer/schema/schema.h"
#include "indexer/text/text_helpers.h"

namespace kb {

namespace fs = std::filesystem;

namespace {

// Thrown through a parser when the taker wants no more threads.
struct StopReading {};

// Cuts each field of `thread` past its schema limit at a word boundary, with a warning naming
// the file, the line and how long it was: a pasted log must not grow one document without end.
void cut_oversized_fields(Thread& thread, const std::string& file, const std::function<void(ParseError&&)>& warn) {
    const auto cut = [&](std::string& text, std::size_t limit, const std::string& what, int line) {
        if (text.size() <= limit) return;
        const std::size_t was = text.size();
        text = std::string(cut_at_word(text, limit));
        warn(ParseError(file, line,
                        what + " of thread '" + thread.id.substr(0, 80) + "' is " + std::to_string(was) +
                            " bytes, cut at a word to " + std::to_string(text.size()) + " (the limit is " +
                            std::to_string(limit) + ")"));
    };
    cut(thread.title, schema::kMaxTitleBytes, "the title", thread.source_line);
    cut(thread.question, schema::kMaxPostBytes, "the question", thread.source_line);
    for (std::size_t i = 0; i < thread.answers.size(); ++i) {
        Answer& answer = thread.answers[i];
        cut(answer.body, schema::kMaxPostBytes, "answer " + std::to_string(i + 1),
            answer.source_line > 0 ? answer.source_line : thread.source_line);
    }
}

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
    log_ << (show_progress_ ? "\r" : "") << "skipped " << printable(error.what()) << "\n";
    skipped_.push_back(std::move(error));
}

void SkipLog::warn(ParseError&& warning) {
    const std::lock_guard lock(mutex_);
    log_ << (show_progress_ ? "\r" : "") << "warning: " << printable(warning.what()) << "\n";
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
            // An id is echoed in messages and logs and written into URLs: a control character
            // in one could forge a line, so the record is refused like any malformed one.
            if (has_control_characters(thread.id)) {
                skip(ParseError(file.string(), thread.source_line,
                                "thread id '" + printable(thread.id.substr(0, 80)) +
                                    "' holds a control character or bytes that are not UTF-8: skipped"));
                return;
            }
            if (auto [it, inserted] = seen_ids.emplace(thread.id, where); !inserted) {
                skip(ParseError(
                    file.string(), thread.source_line,
                    "duplicate thread id '" + thread.id.substr(0, 80) + "' (first at " + it->second + "): skipped"));
                return;
            }
            cut_oversized_fields(thread, file.string(), warn);
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
