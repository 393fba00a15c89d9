// ScratchDirectory: a fresh private directory under the system temp folder, removed with its
// contents when the object goes away, so an evaluation index never outlives its run.
#pragma once

#include <filesystem>

namespace kb {

class ScratchDirectory {
  public:
    // Throws IndexError when no directory can be created.
    ScratchDirectory();
    ~ScratchDirectory();
    ScratchDirectory(const ScratchDirectory&) = delete;
    ScratchDirectory& operator=(const ScratchDirectory&) = delete;

    const std::filesystem::path& path() const { return path_; }

  private:
    std::filesystem::path path_;
};

}  // namespace kb
