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
const Transform& merge_runs();

}  // namespace dfopt::transforms
