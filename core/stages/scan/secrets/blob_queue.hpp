// The hand-over between the history walk and the threads that scan blobs.
//
// The walk (one thread, one libgit2 handle) lists each new blob as it meets
// it; scanning threads take blobs in that order while the walk goes on, so
// the walk's time overlaps the scanning instead of preceding it. Each blob
// keeps its index in walk order, which is what results are merged by, so the
// output does not depend on thread timing.
#pragma once

#include <git2.h>

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace slipway::scan::secrets {

struct BlobTask {
  git_oid oid;
  std::size_t commit;  // index of the introducing commit
  std::string path;
};

class BlobQueue {
 public:
  struct Item {
    std::size_t index;     // in walk order
    const BlobTask* task;  // stays valid: a deque keeps its elements in place
  };

  // Appends `batch` (emptied) and wakes waiting threads.
  void push(std::vector<BlobTask>& batch) {
    if (batch.empty()) return;
    {
      const std::lock_guard lock(m_mutex);
      for (BlobTask& task : batch) m_tasks.push_back(std::move(task));
    }
    batch.clear();
    m_ready.notify_all();
  }

  // The walk is over (or failed): threads drain what is left, then stop.
  void close() {
    {
      const std::lock_guard lock(m_mutex);
      m_closed = true;
    }
    m_ready.notify_all();
  }

  // A scanning thread failed: nobody takes further blobs.
  void abandon() {
    {
      const std::lock_guard lock(m_mutex);
      m_abandoned = true;
    }
    m_ready.notify_all();
  }

  // The next blob, waiting for the walk if needed; nothing once the queue
  // is closed and drained, or abandoned.
  std::optional<Item> next() {
    std::unique_lock lock(m_mutex);
    m_ready.wait(lock, [&] { return m_abandoned || m_next < m_tasks.size() || m_closed; });
    if (m_abandoned || m_next >= m_tasks.size()) return std::nullopt;
    const std::size_t index = m_next++;
    return Item{index, &m_tasks[index]};
  }

  // Every blob listed, once all threads have stopped.
  [[nodiscard]] const std::deque<BlobTask>& tasks() const { return m_tasks; }

 private:
  std::mutex m_mutex;
  std::condition_variable m_ready;
  std::deque<BlobTask> m_tasks;
  std::size_t m_next = 0;
  bool m_closed = false;
  bool m_abandoned = false;
};

}  // namespace slipway::scan::secrets
