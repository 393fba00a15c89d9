#include "indexer/index/index_publisher.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <vector>

#include <unistd.h>

#include "indexer/schema/index_layout.h"
#include "indexer/schema/schema.h"
#include "indexer/text/errors.h"

namespace kb {

namespace fs = std::filesystem;

namespace {

// Readers compare generation names, so names must sort by creation time.
std::string generation_name() {
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(now).count();
    char buf[64];
    std::snprintf(buf, sizeof buf, "%s%020lld-%d", schema::kGenerationPrefix.data(), static_cast<long long>(micros),
                  static_cast<int>(getpid()));
    return buf;
}

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
    const fs::path temp = root_ / (std::string(schema::kStubName) + ".tmp-" + std::to_string(getpid()));
    {
        std::ofstream out(temp, std::ios::trunc);
        out << "auto " << generation.filename().string() << "\n";
        out.flush();
        if (!out) throw IndexError("cannot write " + temp.string());
    }
    std::error_code ec;
    fs::rename(temp, stub_path(), ec);  // rename(2): readers see the old stub or the new one
    if (ec) throw IndexError("cannot publish " + generation.string() + ": " + ec.message());

    reclaim(previous);
}

void IndexPublisher::reclaim(const std::optional<std::string>& previous_live) const {
    const std::optional<std::string> live = live_generation();
    if (!live) return;
    // Names sort by creation time: the one before the live one is the newest that sorts lower.
    std::error_code ec;
    std::vector<fs::path> generations;
    for (const auto& entry : fs::directory_iterator(root_, ec))
        if (entry.path().filename().string().rfind(schema::kGenerationPrefix, 0) == 0)
            generations.push_back(entry.path());
    std::sort(generations.begin(), generations.end());
    std::optional<std::string> previous = previous_live;
    if (!previous)
        for (const fs::path& g : generations)
            if (g.filename().string() < *live) previous = g.filename().string();
    for (const fs::path& g : generations) {
        const std::string name = g.filename().string();
        if (name != *live && name != previous) fs::remove_all(g, ec);
    }
}

}  // namespace kb
