#include "transforms/registry.hpp"

#include <array>

#include "transforms/list.hpp"

namespace dfopt::transforms {

std::span<const Transform* const> all() {
  // One explicit list: no static self-registration. Its order is also the order in
  // which the pass manager picks fixes that overlap: the rules that move
  // instructions (cache) come first, and the ones that merge layers come after
  // those that split stages, or they would glue together the RUNs a move needs apart.
  static const auto list = std::to_array<const Transform*>({
      // cache
      &copy_manifests_first(),
      &order_by_change(),
      &cache_mounts(),
      // packages
      &apt_no_install_recommends(),
      &apt_clean_lists(),
      &apt_assume_yes(),
      &apt_update_with_install(),
      &apt_get_not_apt(),
      &useradd_no_log_init(),
      &no_sudo(),
      &apk_no_cache(),
      &yum_dnf_zypper_clean(),
      &pip_no_cache_dir(),
      &npm_yarn_cache_clean(),
      &gem_no_document(),
      // stages
      &multi_stage_split(),
      &slim_base_image(),
      &pin_base_image(),
      // layers
      &merge_runs(),
      &delete_in_same_layer(),
      &chown_in_copy(),
      &chmod_in_copy(),
      // runtime
      &maintainer_to_label(),
      &exec_form_cmd(),
      &single_cmd_entrypoint(),
      &syntax_casing(),
      &pipefail_shell(),
      &workdir_not_cd(),
      &python_env(),
      &healthcheck(),
      // security
      &non_root_user(),
      &add_to_copy(),
      &secrets_in_env(),
      &curl_wget_tls(),
      // context
      &dockerignore(),
  });
  return list;
}

const Transform* find(std::string_view id) {
  for (const Transform* t : all()) {
    if (t->id == id) return t;
  }
  return nullptr;
}

}  // namespace dfopt::transforms
