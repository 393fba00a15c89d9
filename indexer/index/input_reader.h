// Reading a build's or an update's input: files under the paths given, each parsed with its
// format's parser, bad records and repeated thread ids skipped and reported as they happen.
#pragma once

#include <filesystem>
#include <functional>
#include <iosfwd>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include "indexer/index/build_progress.h"
#include "indexer/index/index_builder.h"

namespace kb {

// Files under the inputs, sorted so a build is repeatable. Throws IndexError for a missing input.
std::vector<std::filesystem::path> collect_files(const std::vector<std::filesystem::path>& inputs);

// The records a build or an update skips, from any of its threads: each printed on a line of
// its own as it happens, so the reason reaches the user even when nothing could be indexed.
class SkipLog {
  public:
    SkipLog(std::ostream& log, bool show_progress) : log_(log), show_progress_(show_progress) {}
    void skip(ParseError&& error);
    // A record kept with a field left out or read another way: printed, and counted.
    void warn(ParseError&& warning);
    std::size_t warnings() const;
    // Everything skipped so far, in the order it was reported.
    std::vector<ParseError> take();

  private:
    mutable std::mutex mutex_;
    std::ostream& log_;
    bool show_progress_;
    std::vector<ParseError> skipped_;
    std::size_t warnings_ = 0;
};

// How a build's options ask for progress: a terminal line, lines in a log, or none.
BuildProgress::Mode progress_mode(const BuildOptions& options);

// Parses `files` in order and hands each thread to `take`, counting it in report.threads_indexed;
// skips go to `skips`. `take` returns false to stop reading; read_threads then returns false.
bool read_threads(const BuildOptions& options, const std::vector<std::filesystem::path>& files, BuildReport& report,
                  SkipLog& skips, const std::function<bool(Thread&&)>& take);

// Runs `write` (prepare and write one thread). A failure that belongs to that record alone (a
// term over Xapian's length limit, text a pass cannot handle) comes back as the ParseError that
// skips it, naming its file, line and id; failures of the index itself pass through.
template <typename Write>
std::optional<ParseError> write_or_reject(const Thread& thread, Write&& write) {
    // Copied first: `write` moves the thread into the pipeline.
    const auto rejected = [file = thread.source_file, line = thread.source_line,
                           id = thread.id.substr(0, 80)](const std::string& reason) {
        return ParseError(file, line, "thread '" + id + "': " + reason);
    };
    try {
        write();
    } catch (const IndexError&) {
        throw;
    } catch (const Error& e) {
        return rejected(e.what());
    } catch (const Xapian::InvalidArgumentError& e) {
        return rejected(e.get_msg());
    } catch (const std::logic_error& e) {
        return rejected(std::string("cannot be indexed (") + e.what() + ")");
    }
    return std::nullopt;
}

}  // namespace kb
