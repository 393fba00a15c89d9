// TemporaryDirectory: a fresh private directory under the system temp folder, removed with its
// contents when the object goes away: scratch indexes (evaluation) and every on-disk test.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace kb {

class TemporaryDirectory {
  public:
    // Throws IndexError when no directory can be created.
    explicit TemporaryDirectory(std::string_view name_prefix = "kbsearch");
    ~TemporaryDirectory();
    TemporaryDirectory(const TemporaryDirectory&) = delete;
    TemporaryDirectory& operator=(const TemporaryDirectory&) = delete;

    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

    // Writes `content` to `name` under the directory (making its folders) and returns its path.
    // Throws IndexError when it cannot be written.
    std::filesystem::path write(const std::string& name, std::string_view content) const;

  private:
    std::filesystem::path path_;
};

}  // namespace kb
