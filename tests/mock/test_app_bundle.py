"""The stand-in's own modules served as one esbuild bundle: fresh after an edit, a clear error otherwise."""

import json
import os
from pathlib import Path

import httpx
import pytest

from mocks.api.bundle import BUNDLE_NAME, MAP_NAME, AppBundler, BundleUnavailable
from tests.mock.conftest import ROOT

WEB = ROOT / "mocks" / "web"
ESBUILD = WEB / "node_modules" / ".bin" / "esbuild"


def test_the_page_loads_the_bundle_and_its_map_names_the_served_sources(plain: httpx.Client) -> None:
    assert f'src="/sm-web/{BUNDLE_NAME}"' in (WEB / "index.html").read_text()
    response = plain.get(f"/sm-web/{BUNDLE_NAME}")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/javascript")
    assert "defineCustomElements(window)" in response.text  # main.js is in it
    assert "function startRouter" in response.text  # and so are the modules it imports
    assert response.text.rstrip().endswith(f"//# sourceMappingURL={MAP_NAME}")
    # The VA packages stay outside, loaded from node_modules as the real site loads them.
    loader = "/sm-web/node_modules/@department-of-veterans-affairs/web-components/dist/esm/loader.js"
    assert f'from "{loader}"' in response.text

    again = plain.get(f"/sm-web/{BUNDLE_NAME}", headers={"If-None-Match": response.headers["etag"]})
    assert again.status_code == 304 and response.headers["cache-control"] == "no-cache"

    source_map = json.loads(plain.get(f"/sm-web/{MAP_NAME}").text)
    expected = sorted(str(p.relative_to(WEB)) for p in (WEB / "app").rglob("*.js"))
    assert sorted(source_map["sources"]) == expected  # every module, none left out of the bundle
    assert plain.get(f"/sm-web/{source_map['sources'][0]}").status_code == 200  # devtools can open them


def _app(root: Path, greeting: str) -> None:
    (root / "app").mkdir(exist_ok=True)
    (root / "app" / "main.js").write_text("import { greet } from './greet.js';\ngreet();\n")
    (root / "app" / "greet.js").write_text(f"export function greet() {{ console.log('{greeting}'); }}\n")


def test_an_edited_module_is_in_the_next_bundle(tmp_path: Path) -> None:
    _app(tmp_path, "first")
    bundler = AppBundler(tmp_path, esbuild=ESBUILD)
    first = bundler.current()
    assert b"first" in first.code and bundler.current() is first  # unchanged sources: no rebuild

    greet = tmp_path / "app" / "greet.js"
    greet.write_text("export function greet() { console.log('second'); }\n")
    newer = greet.stat().st_mtime + 5
    os.utime(greet, (newer, newer))  # newer than the build whatever the file system's clock resolution
    second = bundler.current()
    assert b"second" in second.code and second.etag != first.etag

    (tmp_path / "app" / "extra.js").write_text("export const unused = 1;\n")
    os.utime(tmp_path / "app" / "extra.js", (0, 0))  # older than the build, yet a new module
    assert bundler.current() is not second


def test_a_broken_module_or_a_missing_esbuild_is_a_clear_error(tmp_path: Path) -> None:
    _app(tmp_path, "ok")
    (tmp_path / "app" / "greet.js").write_text("export function greet( {\n")
    with pytest.raises(BundleUnavailable, match=r"could not bundle app/main\.js"):
        AppBundler(tmp_path, esbuild=ESBUILD).current()
    with pytest.raises(BundleUnavailable, match="make setup"):
        AppBundler(tmp_path, esbuild=tmp_path / "no-esbuild").current()
