#include "indexer/index/index_lock.h"

#include <cerrno>
#include <cstring>
#include <ostream>
#include <string>
#include <thread>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include "indexer/schema/schema.h"
#include "indexer/text/errors.h"

namespace kb {

namespace {

std::string waited(std::chrono::milliseconds wait) {
    return wait.count() % 1000 == 0 ? std::to_string(wait.count() / 1000) + " s" : std::to_string(wait.count()) + " ms";
}

// The pid the holder wrote into the lock file, or "" when it wrote none (yet).
std::string holder_of(int fd) {
    char holder[32] = {};
    const ssize_t n = ::pread(fd, holder, sizeof holder - 1, 0);
    std::string who = n > 0 ? std::string(holder, static_cast<std::size_t>(n)) : "";
    while (!who.empty() && (who.back() == '\n' || who.back() == ' ')) who.pop_back();
    return who;
}

}  // namespace

IndexLock::IndexLock(const std::filesystem::path& index_dir, std::chrono::milliseconds wait, std::ostream* log) {
    std::error_code ec;
    if (!std::filesystem::is_directory(index_dir, ec))
        throw IndexError("no index directory " + index_dir.string() + " (build one with `kbsearch index`)");
    const std::filesystem::path file = index_dir / schema::kWriteLockName;
    fd_ = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0) throw IndexError("cannot open " + file.string() + ": " + std::strerror(errno));
    const auto deadline = std::chrono::steady_clock::now() + wait;
    bool told = false;  // that this writer waits, once
    while (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
        if (errno != EWOULDBLOCK && errno != EINTR) {
            const std::string reason = std::strerror(errno);
            ::close(fd_);
            throw IndexError("cannot lock " + file.string() + ": " + reason);
        }
        if (std::chrono::steady_clock::now() >= deadline) {
            const std::string who = holder_of(fd_);
            ::close(fd_);
            throw IndexError("another kbsearch is writing " + index_dir.string() +
                             (who.empty() ? "" : " (pid " + who + ")") + "; it did not finish within " + waited(wait) +
                             ". Try again when it has finished");
        }
        if (log && !told) {
            const std::string who = holder_of(fd_);
            *log << "waiting up to " << waited(wait) << " for another kbsearch"
                 << (who.empty() ? "" : " (pid " + who + ")") << " to finish writing " << index_dir.string() << "\n"
                 << std::flush;
            told = true;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    // Who holds it, for the message another writer prints.
    const std::string pid = std::to_string(::getpid()) + "\n";
    if (::ftruncate(fd_, 0) == 0) (void)!::pwrite(fd_, pid.data(), pid.size(), 0);
}

IndexLock::~IndexLock() {
    if (fd_ >= 0) ::close(fd_);  // closing the descriptor releases the flock
}

}  // namespace kb
