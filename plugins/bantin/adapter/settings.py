"""From MkDocs' configuration to bantin's one frozen :class:`~bantin.news.settings.Settings`.

:func:`site_settings` converts a loaded ``mkdocs.yml`` once: the ``bantin``
plugin, the ``bantin-atomic`` plugin, ``bantin check`` and ``bantin views
import`` all call it and get the same object for the same configuration.
:func:`load_site` reads ``mkdocs.yml`` through MkDocs (so plugin options are
validated the same way as in a build) for the command line, with a
Vietnamese message instead of a traceback when that fails.
"""

from __future__ import annotations

import weakref
from pathlib import Path
from typing import Any

from mkdocs.config import load_config
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import ConfigurationError

from ..core.errors import ContentError, Problem
from ..news.settings import Settings, make_settings
from .config import BantinConfig

_converted: dict[int, tuple[weakref.ref[MkDocsConfig], Settings]] = {}


def site_settings(config: MkDocsConfig) -> Settings:
    """bantin's settings for this loaded configuration, converted on first use."""
    known = _converted.get(id(config))
    if known is not None and known[0]() is config:
        return known[1]
    bantin = config.plugins.get("bantin")
    atomic = config.plugins.get("bantin-atomic")
    settings = make_settings(
        config_file=Path(config.config_file_path or "mkdocs.yml"),
        docs_dir=Path(config.docs_dir),
        site_name=config.site_name,
        site_url=config.site_url,
        site_description=config.site_description,
        # Only bantin's own pages need a folder per page; bantin-atomic alone does not.
        use_directory_urls=config.use_directory_urls or bantin is None,
        # Without the bantin plugin (bantin-atomic alone) none of its pages or search exist.
        bantin=_options(bantin.config)
        if bantin is not None
        else {**_options(_defaults(BantinConfig())), "search": False},
        publish=_options(atomic.config) if atomic is not None else None,
    )
    for key in [k for k, (ref, _) in _converted.items() if ref() is None]:
        del _converted[key]
    _converted[id(config)] = (weakref.ref(config), settings)
    return settings


def _defaults(config: Config) -> Config:
    config.load_dict({})
    config.validate()
    return config


def _options(config: Config) -> dict[str, Any]:
    """A plugin's validated options as plain dicts and lists."""

    def plain(value: Any) -> Any:
        if isinstance(value, Config):
            return {k: plain(v) for k, v in value.items()}
        if isinstance(value, list):
            return [plain(v) for v in value]
        return value

    options: dict[str, Any] = plain(config)
    return options


def load_site(config_file: str) -> tuple[MkDocsConfig, Settings]:
    """Read ``mkdocs.yml`` through MkDocs and convert it; a bad file is a Vietnamese error."""
    try:
        config = load_config(config_file)
    except ConfigurationError as exc:
        raise ContentError(
            [
                Problem(
                    config_file,
                    f"cấu hình không dùng được ({exc}). Sửa tệp cấu hình rồi chạy lại.",
                )
            ]
        ) from None
    except OSError as exc:
        raise ContentError(
            [Problem(config_file, f"không đọc được tệp cấu hình ({exc.strerror or exc}).")]
        ) from None
    if config.plugins.get("bantin") is None:
        raise ContentError([Problem(config_file, "chưa bật plugin 'bantin' trong mục plugins.")])
    return config, site_settings(config)
