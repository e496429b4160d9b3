#!/usr/bin/env python3
"""Zips each lambda_function_v*.py into build/<module>.zip, byte for byte reproducible
(fixed timestamps and permissions), so Terraform's source_code_hash only changes with the code."""
import pathlib
import zipfile

HERE = pathlib.Path(__file__).resolve().parent


def main():
    out = HERE / "build"
    out.mkdir(exist_ok=True)
    for source in sorted(HERE.glob("lambda_function_v*.py")):
        target = out / f"{source.stem}.zip"
        info = zipfile.ZipInfo(source.name, date_time=(1980, 1, 1, 0, 0, 0))
        info.external_attr = 0o644 << 16
        info.compress_type = zipfile.ZIP_DEFLATED
        with zipfile.ZipFile(target, "w") as zf:
            zf.writestr(info, source.read_bytes())
        print(f"built {target.relative_to(HERE)}")


if __name__ == "__main__":
    main()
