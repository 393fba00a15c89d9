#include "indexer/schema/generation_check.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <csignal>
#include <cstring>
#include <fstream>
#include <iterator>
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
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xapian.h>

#include "indexer/schema/schema.h"
#include "indexer/text/errors.h"
#include "indexer/text/text_helpers.h"

extern char** environ;

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

// What xapian-check said is wrong: its own error line ("xapian-check: DatabaseError: ..."), or
// else the first line of its report that is not a heading or an all-clear.
std::string reported_problem(const std::string& output) {
    std::istringstream in(output);
    std::string first;
    for (std::string line; std::getline(in, line);) {
        if (line.starts_with("xapian-check: ")) return line.substr(14);
        const bool routine = line.empty() || line.back() == ':' || line.starts_with("blocksize=") ||
                             line.ends_with("checked okay") || line.ends_with("checked OK") ||
                             line == "No errors found";
        if (!routine && first.empty()) first = line;
    }
    if (first.empty()) return "Xapian's checker found an error";
    return first.size() > 300 ? first.substr(0, 300) + "..." : first;
}

// How long the checker may take on `file`: it reads about 100 MB a second from the page cache
// (a 14 MB index in 0.1 s), so this allows a slow, cold disk.
std::chrono::seconds time_limit(const fs::path& file) {
    std::error_code ec;
    const std::uintmax_t bytes = fs::file_size(file, ec);
    return std::chrono::seconds(60 + (ec ? 0 : bytes / (5u << 20)));
}

// Xapian's checker (xapian-check, every block read and every entry decoded) on one table file,
// in its own process: it reads damaged bytes as they come and can crash on them itself
// (fuzz_damaged_index found libxapian 1.4.22's checker reading past a block), which must cost
// that process, not the server. A fresh process, not a fork: a forked copy of a threaded server
// can deadlock on a lock another thread held. What is wrong with the file, or nullopt.
std::optional<std::string> table_problem(const fs::path& file) {
    int out[2];
    if (::pipe2(out, O_CLOEXEC) != 0) throw IndexError("cannot check " + file.string() + ": " + std::strerror(errno));
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDERR_FILENO);
    const std::string program = KBSEARCH_XAPIAN_CHECK, path = file.string();
    // Named plainly, so its error lines start "xapian-check: ".
    char* argv[] = {const_cast<char*>("xapian-check"), const_cast<char*>(path.c_str()), nullptr};
    pid_t pid = 0;
    const int spawned = ::posix_spawn(&pid, program.c_str(), &actions, nullptr, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(out[1]);
    if (spawned != 0) {
        ::close(out[0]);
        throw IndexError("cannot run " + program +
                         " (Debian's xapian-tools) to check the index: " + std::strerror(spawned));
    }
    std::string said;
    bool timed_out = false;
    const std::chrono::seconds limit = time_limit(file);
    const auto deadline = std::chrono::steady_clock::now() + limit;
    for (char buffer[4096];;) {
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        pollfd ready{out[0], POLLIN, 0};
        const int polled = left.count() > 0 ? ::poll(&ready, 1, static_cast<int>(left.count())) : 0;
        if (polled < 0 && errno == EINTR) continue;
        if (polled <= 0) {
            timed_out = polled == 0;
            break;
        }
        const ssize_t n = ::read(out[0], buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        if (said.size() < (64u << 10)) said.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(out[0]);
    if (timed_out) ::kill(pid, SIGKILL);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (timed_out) return "Xapian's checker did not finish within " + std::to_string(limit.count()) + " s";
    if (WIFSIGNALED(status))
        return "Xapian's checker crashed reading it (signal " + std::to_string(WTERMSIG(status)) + ")";
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return std::nullopt;
    return reported_problem(said);
}

// Throws IndexError naming the damaged files of one database, and what is wrong with the first.
void check_database(const fs::path& dir) {
    std::vector<std::pair<fs::path, std::string>> problems;
    std::size_t tables = 0;
    for (std::string_view table : kTables) {
        const fs::path file = dir / (std::string(table) + ".glass");
        std::error_code ec;
        if (!fs::exists(file, ec)) continue;
        ++tables;
        if (auto problem = table_problem(file)) problems.emplace_back(file, std::move(*problem));
    }
    if (problems.empty()) return;
    // Each table's check reads the version file first: when they all fail alike, it is the one.
    const bool alike = std::all_of(problems.begin(), problems.end(),
                                   [&](const auto& p) { return p.second == problems.front().second; });
    if (tables > 1 && problems.size() == tables && alike)
        throw IndexError(damaged(dir / "iamglass", problems.front().second));
    std::string problem = problems.front().second;
    for (std::size_t i = 1; i < problems.size(); ++i)
        problem += (i == 1 ? "; also damaged: " : ", ") + problems[i].first.filename().string();
    throw IndexError(damaged(problems.front().first, problem));
}

// Where a generation keeps the fingerprint of the tables a check last found whole.
constexpr std::string_view kCheckedFile = "kbsearch-checked";

// Each table's path, size and modification time: what a check found whole, and what changes
// when anything but a commit of ours has written to it (a scribble, a truncation, a copy).
std::string fingerprint(const fs::path& generation) {
    std::ostringstream out;
    for (const fs::path& database : databases_in(generation))
        for (std::string_view table : kTables) {
            const fs::path file = database / (std::string(table) + ".glass");
            std::error_code ec;
            const auto size = fs::file_size(file, ec);
            if (ec) continue;
            const auto modified = fs::last_write_time(file, ec);
            if (ec) continue;
            out << file.lexically_relative(generation).string() << ' ' << size << ' '
                << modified.time_since_epoch().count() << '\n';
        }
    return out.str();
}

}  // namespace

// Remembers that the tables as they are now are whole, so the next process to open the
// generation need not read every block again: at a million threads that read is minutes. A
// folder the process cannot write to keeps no memory; each process then checks for itself.
void GenerationCheck::remember_whole(const fs::path& generation) {
    std::error_code ec;
    if (!fs::is_directory(generation, ec)) return;
    const fs::path file = generation / kCheckedFile, partial = file.string() + ".partial";
    {
        std::ofstream out(partial, std::ios::trunc);
        out << fingerprint(generation);
        if (!out) return;
    }
    fs::rename(partial, file, ec);
    if (ec) fs::remove(partial, ec);
}

bool GenerationCheck::known_whole(const fs::path& generation) {
    std::ifstream in(generation / kCheckedFile);
    if (!in) return false;
    const std::string remembered((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return !remembered.empty() && remembered == fingerprint(generation);
}

void GenerationCheck::run(const fs::path& generation) {
    std::error_code ec;
    if (fs::is_directory(generation, ec)) {  // not a stub file named directly
        const std::vector<fs::path> databases = databases_in(generation);
        if (databases.empty()) throw IndexError("no database in " + generation.string());
        for (const fs::path& database : databases) check_database(database);
    }
    try {
        check_format(generation, generation.string());
    } catch (const Xapian::Error& e) {
        throw IndexError(damaged(generation, described(e)));
    }
    remember_whole(generation);
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
        // Tables unchanged since a check (the build's, before it published) found them whole,
        // or changed since only by live updates' commits, are not read again; any other
        // change to them means a full check.
        const bool whole = known_whole(generation);
        // Twice before a failure is believed: a live update committing while the checker read
        // the tables can look like damage once; real damage fails both times.
        for (int attempt = 0; attempt < 2 && !whole; ++attempt) {
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
