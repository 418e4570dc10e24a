// Each transform's accessor; defined in transforms/<id>.cpp.
#pragma once

#include "rewrite/transform.hpp"

namespace dfopt::transforms {

const Transform& apt_clean_lists();
const Transform& apt_assume_yes();
const Transform& apt_update_with_install();
const Transform& apt_get_not_apt();
const Transform& useradd_no_log_init();
const Transform& no_sudo();
const Transform& apt_no_install_recommends();
const Transform& apk_no_cache();
const Transform& yum_dnf_zypper_clean();
const Transform& pip_no_cache_dir();
const Transform& npm_yarn_cache_clean();
const Transform& gem_no_document();
const Transform& maintainer_to_label();
const Transform& exec_form_cmd();
const Transform& single_cmd_entrypoint();
const Transform& syntax_casing();
const Transform& add_to_copy();
const Transform& secrets_in_env();
const Transform& merge_runs();
const Transform& delete_in_same_layer();
const Transform& curl_wget_tls();
const Transform& non_root_user();
const Transform& workdir_not_cd();
const Transform& pipefail_shell();
const Transform& python_env();
const Transform& healthcheck();
const Transform& chown_in_copy();
const Transform& chmod_in_copy();
const Transform& copy_manifests_first();
const Transform& order_by_change();
const Transform& cache_mounts();
const Transform& multi_stage_split();
const Transform& slim_base_image();
const Transform& pin_base_image();
const Transform& dockerignore();

}  // namespace dfopt::transforms
