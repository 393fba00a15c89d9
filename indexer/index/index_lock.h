// IndexLock: one writer at a time on an index directory. Every command that writes DIR (a
// build, an update, a delete, new synonyms) holds DIR/write.lock with flock(2) while it works;
// the kernel lets go of it when the process ends, however it ends, so a killed writer never
// leaves the directory locked.
#pragma once

#include <chrono>
#include <filesystem>
#include <iosfwd>

namespace kb {

class IndexLock {
  public:
    // Takes the lock on an existing directory, waiting up to `wait` for another writer to
    // finish; when it has to wait it says so on `log` (if given), naming the holder's pid, so a
    // writer that seems stuck says what it waits for. Throws IndexError (naming the holder's
    // pid when known) when the lock is still held then.
    explicit IndexLock(const std::filesystem::path& index_dir,
                       std::chrono::milliseconds wait = std::chrono::seconds(30), std::ostream* log = nullptr);
    ~IndexLock();
    IndexLock(const IndexLock&) = delete;
    IndexLock& operator=(const IndexLock&) = delete;

  private:
    int fd_ = -1;
};

}  // namespace kb
