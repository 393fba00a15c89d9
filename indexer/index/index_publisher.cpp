#include "indexer/index/index_publisher.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

#include "indexer/schema/index_layout.h"
#include "indexer/schema/schema.h"
#include "indexer/text/errors.h"

namespace kb {

namespace fs = std::filesystem;

namespace {

// A stub being written, before its rename: XAPIANDB.tmp-<pid>.
constexpr const char* kTemporaryStubSuffix = ".tmp-";

// Readers compare generation names, so names must sort by creation time.
std::string generation_name() {
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(now).count();
    char buf[64];
    std::snprintf(buf, sizeof buf, "%s%020lld-%d", schema::kGenerationPrefix.data(), static_cast<long long>(micros),
                  static_cast<int>(getpid()));
    return buf;
}

// Flushes a file or a folder to the disk. Throws IndexError.
void sync_to_disk(const fs::path& path, int flags) {
    const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
    if (fd < 0) throw IndexError("cannot open " + path.string() + " to sync it: " + std::strerror(errno));
    const bool synced = ::fsync(fd) == 0;
    const std::string reason = synced ? "" : std::strerror(errno);
    ::close(fd);
    if (!synced) throw IndexError("cannot sync " + path.string() + ": " + reason);
}

bool starts_with(const std::string& name, std::string_view prefix) { return name.rfind(prefix, 0) == 0; }

}  // namespace

IndexPublisher::IndexPublisher(fs::path root) : root_(std::move(root)) {}

fs::path IndexPublisher::new_generation() {
    std::error_code ec;
    fs::create_directories(root_, ec);
    if (ec) throw IndexError("cannot create index directory " + root_.string() + ": " + ec.message());
    if (fs::exists(root_ / "iamglass") || fs::exists(root_ / "iamchert"))
        throw IndexError(root_.string() + " holds a plain Xapian database, not a kbsearch index directory");
    const fs::path generation = root_ / generation_name();
    if (!fs::create_directory(generation, ec) || ec)
        throw IndexError("cannot create " + generation.string() + ": " + ec.message());
    return generation;
}

std::optional<std::string> IndexPublisher::live_generation() const { return kb::live_generation(root_); }

void IndexPublisher::publish(const fs::path& generation) {
    const std::optional<std::string> previous = live_generation();
    const fs::path temp = root_ / (std::string(schema::kStubName) + kTemporaryStubSuffix + std::to_string(getpid()));
    {
        std::ofstream out(temp, std::ios::trunc);
        out << "auto " << generation.filename().string() << "\n";
        out.flush();
        if (!out) throw IndexError("cannot write " + temp.string());
    }
    // The stub's bytes reach the disk before its name does, and the name before the old
    // generation goes: after a power cut the folder names a whole stub, the old or the new.
    sync_to_disk(temp, O_RDONLY);
    std::error_code ec;
    fs::rename(temp, stub_path(), ec);  // rename(2): readers see the old stub or the new one
    if (ec) throw IndexError("cannot publish " + generation.string() + ": " + ec.message());
    sync_to_disk(root_, O_RDONLY | O_DIRECTORY);

    reclaim(previous);
}

void IndexPublisher::reclaim(const std::optional<std::string>& previous_live) const {
    // With nothing published yet, every generation is a killed build's.
    const std::string live = live_generation().value_or("");
    // Names sort by creation time: the one before the live one is the newest that sorts lower.
    std::error_code ec;
    std::vector<fs::path> generations;
    for (const auto& entry : fs::directory_iterator(root_, ec)) {
        const std::string name = entry.path().filename().string();
        if (starts_with(name, schema::kGenerationPrefix)) generations.push_back(entry.path());
        // A stub a build was killed before renaming: no build runs while the lock is held.
        if (starts_with(name, std::string(schema::kStubName) + kTemporaryStubSuffix)) fs::remove(entry.path(), ec);
    }
    std::sort(generations.begin(), generations.end());
    std::optional<std::string> previous = previous_live;
    if (!previous && !live.empty())
        for (const fs::path& g : generations)
            if (g.filename().string() < live) previous = g.filename().string();
    for (const fs::path& g : generations) {
        const std::string name = g.filename().string();
        if (name != live && name != previous) fs::remove_all(g, ec);
    }
}

}  // namespace kb
