#include "indexer/schema/generation_check.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <csignal>
#include <cstring>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <ostream>
#include <sstream>
#include <string_view>
#include <utility>
#include <vector>

#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xapian.h>

#include "indexer/schema/schema.h"
#include "indexer/text/errors.h"
#include "indexer/text/text_helpers.h"

namespace kb {

namespace fs = std::filesystem;

namespace {

// A Glass database's tables; all but docdata and postlist are made only when first written.
constexpr std::array<std::string_view, 6> kTables{"docdata", "termlist", "postlist", "position", "spelling", "synonym"};

// A generation holds its databases at most two folders down: shard-0/questions.
constexpr int kDeepestDatabase = 2;

std::string damaged(const fs::path& file, const std::string& problem) {
    return "the index is damaged: " + file.string() + ": " + problem + " (rebuild it with `kbsearch index`)";
}

std::string described(const Xapian::Error& e) { return e.get_type() + std::string(": ") + e.get_msg(); }

// The database folders of a generation: itself when it is one, and those below it (its
// questions database; a sharded generation's shards, their questions and its spelling one).
std::vector<fs::path> databases_in(const fs::path& generation) {
    std::vector<fs::path> found;
    std::error_code ec;
    if (fs::exists(generation / "iamglass", ec)) found.push_back(generation);
    for (auto it = fs::recursive_directory_iterator(generation, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
        if (it.depth() + 1 >= kDeepestDatabase) it.disable_recursion_pending();
        if (it->is_directory(ec) && fs::exists(it->path() / "iamglass", ec)) found.push_back(it->path());
    }
    if (ec) throw IndexError("cannot read " + generation.string() + ": " + ec.message());
    return found;
}

// The checker's first line that says what is wrong (it reports a table's problems one a line).
std::string first_problem(const std::string& report) {
    std::istringstream in(report);
    for (std::string line; std::getline(in, line);)
        if (!line.empty()) return line.size() > 300 ? line.substr(0, 300) + "..." : line;
    return "Xapian's checker found an error";
}

// Xapian's checker on one table file: every block read and every entry decoded. What is wrong
// with it, or nullopt when nothing is.
std::optional<std::string> table_problem(const fs::path& file) {
    std::ostringstream report;
    std::size_t errors = 0;
    try {
        errors = Xapian::Database::check(file.string(), 0, &report);
    } catch (const Xapian::Error& e) {
        return described(e);
    } catch (const std::length_error& e) {  // a damaged length read as a size to reserve
        return std::string(e.what());
    } catch (const std::bad_alloc&) {
        return std::string("a length in it is too large to be true");
    }
    if (errors > 0) return first_problem(report.str());
    return std::nullopt;
}

// Throws IndexError naming the damaged files of one database, and what is wrong with the first.
// `starting` is told each file before the checker reads it.
void check_database(const fs::path& dir, const std::function<void(const fs::path&)>& starting) {
    // Opening reads the version file and each table's root block.
    std::optional<std::string> opening;
    try {
        starting(dir / "iamglass");
        Xapian::Database(dir.string()).get_doccount();
    } catch (const Xapian::Error& e) {
        opening = described(e);
    }
    std::vector<std::pair<fs::path, std::string>> problems;
    std::size_t tables = 0;
    for (std::string_view table : kTables) {
        const fs::path file = dir / (std::string(table) + ".glass");
        std::error_code ec;
        if (!fs::exists(file, ec)) continue;
        ++tables;
        starting(file);
        if (auto problem = table_problem(file)) problems.emplace_back(file, std::move(*problem));
    }
    // Each table's check reads the version file first: when it fails them all, it is the one.
    if (opening && (problems.empty() || problems.size() == tables))
        throw IndexError(damaged(dir / "iamglass", *opening));
    if (problems.empty()) return;
    std::string problem = problems.front().second;
    for (std::size_t i = 1; i < problems.size(); ++i)
        problem += (i == 1 ? "; also damaged: " : ", ") + problems[i].first.filename().string();
    throw IndexError(damaged(problems.front().first, problem));
}

// How long the checker may take: Xapian's checker reads about 100 MB a second from the page
// cache (14 MB in 0.12 s), so this allows a slow, cold disk.
std::chrono::seconds check_time_limit(const std::vector<fs::path>& databases) {
    std::uintmax_t bytes = 0;
    std::error_code ec;
    for (const fs::path& database : databases)
        for (const auto& entry : fs::directory_iterator(database, ec))
            if (entry.is_regular_file(ec)) bytes += entry.file_size(ec);
    return std::chrono::seconds(120 + bytes / (5u << 20));
}

void write_all(int fd, std::string_view text) {
    while (!text.empty()) {
        const ssize_t n = ::write(fd, text.data(), text.size());
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return;
        text.remove_prefix(static_cast<std::size_t>(n));
    }
}

// The child's side of check_in_child: checks, tells the parent on `fd` a line at a time ("T
// FILE" before each file, "F MESSAGE" for damage), and ends without running the parent's exit
// handlers or flushing its buffers.
[[noreturn]] void check_as_child(const std::vector<fs::path>& databases, const fs::path& generation, int fd) {
    const auto say = [fd](char kind, std::string text) {
        std::replace(text.begin(), text.end(), '\n', ' ');
        write_all(fd, std::string(1, kind) + " " + text + "\n");
    };
    try {
        for (const fs::path& database : databases)
            check_database(database, [&](const fs::path& file) { say('T', file.string()); });
    } catch (const IndexError& e) {
        say('F', e.what());
    } catch (const std::exception& e) {
        say('F', damaged(generation, e.what()));
    }
    ::_exit(0);
}

// Runs check_database on each of `databases` in a child process and throws its IndexError here.
// Xapian's checker reads damaged bytes as they come and can itself crash on them (fuzz_damaged_index
// found it reading past a block in libxapian 1.4.22): the child pays for that, not the server,
// and the file it was reading is named. A checker past its time is stopped the same way.
void check_in_child(const std::vector<fs::path>& databases, const fs::path& generation) {
    const std::chrono::seconds limit = check_time_limit(databases);
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0)
        throw IndexError("cannot check " + generation.string() + ": " + std::strerror(errno));
    const pid_t pid = ::fork();
    if (pid < 0) {
        const std::string reason = std::strerror(errno);
        ::close(fds[0]);
        ::close(fds[1]);
        throw IndexError("cannot check " + generation.string() + ": " + reason);
    }
    if (pid == 0) {
        ::close(fds[0]);
        check_as_child(databases, generation, fds[1]);
    }
    ::close(fds[1]);
    std::string said;
    bool timed_out = false;
    const auto deadline = std::chrono::steady_clock::now() + limit;
    for (char buffer[4096];;) {
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        pollfd ready{fds[0], POLLIN, 0};
        const int polled = left.count() > 0 ? ::poll(&ready, 1, static_cast<int>(left.count())) : 0;
        if (polled < 0 && errno == EINTR) continue;
        if (polled <= 0) {
            timed_out = polled == 0;
            break;
        }
        const ssize_t n = ::read(fds[0], buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        said.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(fds[0]);
    if (timed_out) ::kill(pid, SIGKILL);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    std::string reading = generation.string(), failure;
    std::istringstream lines(said);
    for (std::string line; std::getline(lines, line);) {
        if (line.starts_with("T ")) reading = line.substr(2);
        if (line.starts_with("F ")) failure = line.substr(2);
    }
    if (!failure.empty()) throw IndexError(failure);
    if (timed_out)
        throw IndexError(
            damaged(reading, "Xapian's checker did not finish within " + std::to_string(limit.count()) + " s"));
    if (WIFSIGNALED(status))
        throw IndexError(
            damaged(reading, "Xapian's checker crashed reading it (signal " + std::to_string(WTERMSIG(status)) + ")"));
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        throw IndexError(damaged(reading, "Xapian's checker stopped reading it (exit " +
                                              std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) + ")"));
}

}  // namespace

void GenerationCheck::run(const fs::path& generation) {
    std::error_code ec;
    if (fs::is_directory(generation, ec)) {  // not a stub file named directly
        const std::vector<fs::path> databases = databases_in(generation);
        if (databases.empty()) throw IndexError("no database in " + generation.string());
        check_in_child(databases, generation);
    }
    try {
        check_format(generation, generation.string());
    } catch (const Xapian::Error& e) {
        throw IndexError(damaged(generation, described(e)));
    }
}

void GenerationCheck::once(const fs::path& generation, std::ostream& log) {
    // One process-wide memo, since every Searcher of a server opens the same generation: the
    // outcome of each generation checked ("" when whole). Generations are never written but by
    // live updates, which only add revisions through transactions, so an outcome holds.
    static std::mutex mutex;
    static std::map<std::string, std::string> outcomes;
    std::error_code ec;
    const fs::path canonical = fs::weakly_canonical(generation, ec);
    const std::string key = (ec ? generation : canonical).string();
    const std::lock_guard lock(mutex);  // held while checking: the other workers wait for it
    auto known = outcomes.find(key);
    if (known == outcomes.end()) {
        std::string failure;
        // Twice before a failure is believed: a live update committing while the checker read
        // the tables can look like damage once; real damage fails both times.
        for (int attempt = 0; attempt < 2; ++attempt) {
            try {
                run(generation);
                failure.clear();
                break;
            } catch (const IndexError& e) {
                failure = e.what();
            }
        }
        if (!failure.empty()) {
            std::ostringstream line;  // one write, so other threads' lines do not interleave
            line << "kbsearch: " << printable(failure) << "\n";
            log << line.str() << std::flush;
        }
        known = outcomes.emplace(key, std::move(failure)).first;
    }
    if (!known->second.empty()) throw IndexError(known->second);
}

void GenerationCheck::check_format(const fs::path& generation, const std::string& where) {
    // A sharded generation keeps the key where its stub's readers find metadata: its first
    // database, the spelling one.
    std::error_code ec;
    const bool sharded = fs::is_directory(generation, ec) && fs::exists(generation / schema::kStubName, ec);
    const Xapian::Database db((sharded ? generation / schema::kSpellingDatabase : generation).string());
    const std::string value = db.get_metadata(std::string(schema::kFormatVersionKey));
    if (value.empty()) return;  // written before the key existed: the first format
    int version = 0;
    const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), version);
    if (error != std::errc() || end != value.data() + value.size() || version < 1)
        throw IndexError(where + " names no index format this kbsearch knows (" +
                         std::string(schema::kFormatVersionKey) + " is not a version number)");
    if (version > schema::kFormatVersion)
        throw IndexError(where + " is in index format " + value + ", newer than this kbsearch reads (format " +
                         std::to_string(schema::kFormatVersion) +
                         " and older): search it with a newer kbsearch, or rebuild it with this one");
}

}  // namespace kb
