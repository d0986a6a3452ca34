use super::*;

use std::sync::atomic::{AtomicIsize, AtomicPtr, AtomicU32};

// =====================================================================================
// Attribute sites: CPython 3.11's own specialization of LOAD_ATTR / STORE_ATTR
// =====================================================================================
//
// Instances of ordinary classes keep their attributes in an inline "values" array indexed
// through the class's shared keys (Objects/dictobject.c, "split tables"). CPython's
// adaptive interpreter specializes `obj.x` to LOAD_ATTR_INSTANCE_VALUE: one check of the
// type and its version tag, then a read of values[index] (Python/specialize.c,
// specialize_dict_access). A generic PyObject_GetAttr is about three times slower, so each
// attribute site of translated code keeps the same cache:
//
//   * learned once per type (slow path): the type's getattr/setattr is the generic one,
//     the name is not a data descriptor on the type (a property, a slot member), the type
//     has a valid version tag, and the name has an index in the type's shared keys;
//   * fast path: same type, same version tag (any change to the class or its bases gives
//     a new tag), the instance still has its inline values, and the slot is filled (a
//     store only replaces an existing value, as STORE_ATTR_INSTANCE_VALUE does for them).
//
// Anything else takes PyObject_GetAttr/SetAttr, so the result is always CPython's.
// The layout below is CPython 3.11's (Include/internal/pycore_object.h, pycore_dict.h);
// on any other version (or a Py_TRACE_REFS build) the sites never learn.

/// CPython 3.11's PyDictKeysObject header (Include/internal/pycore_dict.h).
#[repr(C)]
pub(crate) struct DictKeys311 {
    dk_refcnt: ffi::Py_ssize_t,
    dk_log2_size: u8,
    dk_log2_index_bytes: u8,
    pub(crate) dk_kind: u8,
    dk_version: u32,
    dk_usable: ffi::Py_ssize_t,
    dk_nentries: ffi::Py_ssize_t,
    // then: char dk_indices[1 << dk_log2_index_bytes]; then the entries
}

/// A split table's entry (PyDictUnicodeEntry).
#[repr(C)]
struct UnicodeEntry {
    me_key: *mut ffi::PyObject,
    me_value: *mut ffi::PyObject,
}

pub(crate) const DICT_KEYS_UNICODE: u8 = 1;
pub(crate) const DICT_KEYS_SPLIT: u8 = 2;

extern "C" {
    pub(crate) fn _PyType_Lookup(tp: *mut ffi::PyTypeObject, name: *mut ffi::PyObject) -> *mut ffi::PyObject;
}

/// Whether this interpreter has 3.11's inline-values layout (decided once, in `register`).
static INLINE_VALUES: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Whether this interpreter's dict and instance layouts are 3.11's (confirmed at import).
#[inline]
pub(crate) fn inline_values_layout() -> bool {
    INLINE_VALUES.load(AtomicOrdering::Relaxed)
}

/// Decide whether attribute sites may use the inline values: CPython 3.11 (release
/// layout), confirmed on a probe instance (the learned slot must hold what getattr returns).
pub fn enable_attribute_sites(py: Python<'_>) {
    let ok = (|| -> PyResult<bool> {
        let sys = py.import("sys")?;
        let (major, minor): (u32, u32) = (sys.getattr("version_info")?.get_item(0)?.extract()?,
                                          sys.getattr("version_info")?.get_item(1)?.extract()?);
        if (major, minor) != (3, 11) || sys.hasattr("getobjects")? {
            return Ok(false);
        }
        INLINE_VALUES.store(true, AtomicOrdering::Relaxed);
        let globals = pyo3::types::PyDict::new(py);
        py.run(c"class Probe:\n    pass\np = Probe()\np.a = 'first'\np.b = object()\n", Some(&globals), None)?;
        let probe = globals.get_item("p")?.ok_or_else(|| PyErr::fetch(py))?;
        let expected = probe.getattr("b")?;
        let site = AttrSite::new();
        let name = pyo3::types::PyString::intern(py, "b");
        unsafe {
            site.learn(probe.as_ptr(), name.as_ptr(), false);
            Ok(site.slot(probe.as_ptr()).map(|s| *s) == Some(expected.as_ptr()))
        }
    })()
    .unwrap_or(false);
    INLINE_VALUES.store(ok, AtomicOrdering::Relaxed);
}

/// One `obj.name` site of translated code (a static per site).
pub struct AttrSite {
    tp: AtomicPtr<ffi::PyTypeObject>,
    version: AtomicU32,
    /// the index in the inline values; or, for a `__slots__` member, -1 - its offset
    index: AtomicIsize,
}

/// `T_OBJECT_EX` (structmember.h): an object member that raises AttributeError when unset.
const T_OBJECT_EX: i32 = 16;
/// `READONLY` (structmember.h).
const MEMBER_READONLY: i32 = 1;

impl AttrSite {
    pub const fn new() -> AttrSite {
        AttrSite { tp: AtomicPtr::new(std::ptr::null_mut()), version: AtomicU32::new(0), index: AtomicIsize::new(-1) }
    }

    /// The slot of `o` this site reads or writes (an inline value, or a `__slots__`
    /// member: LOAD_ATTR_SLOT), if the cache applies to it.
    #[inline(always)]
    unsafe fn slot(&self, o: *mut ffi::PyObject) -> Option<*mut *mut ffi::PyObject> {
        unsafe {
            let tp = ffi::Py_TYPE(o);
            if tp != self.tp.load(AtomicOrdering::Relaxed) || (*tp).tp_version_tag != self.version.load(AtomicOrdering::Relaxed) {
                return None;
            }
            let index = self.index.load(AtomicOrdering::Relaxed);
            if index < 0 {  // a member at byte offset -1 - index of the object
                return Some((o as *mut u8).offset(-1 - index) as *mut *mut ffi::PyObject);
            }
            // _PyObject_ValuesPointer (3.11): the pre-header word 4 before the object
            let values = *(o as *mut *mut *mut ffi::PyObject).offset(-4);
            if values.is_null() {
                return None; // its dict was made: the generic path reads that
            }
            Some(values.offset(index))
        }
    }

    /// Learn where `name` lives in instances of `o`'s type, when CPython's own fast path
    /// would (see the module comment); `setting`: for STORE_ATTR.
    #[cold]
    #[inline(never)]
    unsafe fn learn(&self, o: *mut ffi::PyObject, name: *mut ffi::PyObject, setting: bool) {
        unsafe {
            if !INLINE_VALUES.load(AtomicOrdering::Relaxed) {
                return;
            }
            let tp = ffi::Py_TYPE(o);
            // the imported symbols of libpython: one address each
            let generic = if setting {
                (*tp).tp_setattro.map(|f| f as *const () as usize) == Some(ffi::PyObject_GenericSetAttr as *const () as usize)
            } else {
                (*tp).tp_getattro.map(|f| f as *const () as usize) == Some(ffi::PyObject_GenericGetAttr as *const () as usize)
            };
            if !generic {
                return;
            }
            let descr = _PyType_Lookup(tp, name); // borrowed; also gives the type a version tag
            if (*tp).tp_flags & ffi::Py_TPFLAGS_VALID_VERSION_TAG == 0 {
                return;
            }
            if !descr.is_null() && ffi::Py_TYPE(descr) == std::ptr::addr_of_mut!(ffi::PyMemberDescr_Type) {
                // a `__slots__` member (specialize.c: LOAD_ATTR_SLOT / STORE_ATTR_SLOT)
                let member = (*(descr as *mut ffi::PyMemberDescrObject)).d_member;
                if !member.is_null() && (*member).type_code == T_OBJECT_EX
                    && (!setting || (*member).flags & MEMBER_READONLY == 0) && (*member).offset > 0
                {
                    self.tp.store(tp, AtomicOrdering::Relaxed);
                    self.version.store((*tp).tp_version_tag, AtomicOrdering::Relaxed);
                    self.index.store(-1 - (*member).offset, AtomicOrdering::Relaxed);
                }
                return;
            }
            if !descr.is_null() && (*ffi::Py_TYPE(descr)).tp_descr_set.is_some() {
                return; // a data descriptor wins over the instance's value
            }
            if (*tp).tp_flags & ffi::Py_TPFLAGS_MANAGED_DICT == 0 {
                return;
            }
            let keys = (*(tp as *mut ffi::PyHeapTypeObject)).ht_cached_keys as *const DictKeys311;
            if keys.is_null() || (*keys).dk_kind != DICT_KEYS_SPLIT {
                return;
            }
            let indices = (keys as *const u8).add(std::mem::size_of::<DictKeys311>());
            let entries = indices.add(1usize << (*keys).dk_log2_index_bytes) as *const UnicodeEntry;
            for i in 0..(*keys).dk_nentries {
                if (*entries.offset(i)).me_key == name {
                    self.tp.store(tp, AtomicOrdering::Relaxed);
                    self.version.store((*tp).tp_version_tag, AtomicOrdering::Relaxed);
                    self.index.store(i, AtomicOrdering::Relaxed);
                    return;
                }
            }
        }
    }
}

impl Default for AttrSite {
    fn default() -> AttrSite {
        AttrSite::new()
    }
}

/// `o.name` at a site (LOAD_ATTR, with CPython's instance-value fast path).
#[inline(always)]
pub fn obj_getattr_at(o: &Obj, name: &'static Interned, site: &'static AttrSite) -> R<Obj> {
    unsafe {
        if let Some(slot) = site.slot(o.as_ptr()) {
            let value = *slot;
            if !value.is_null() {
                return Ok(Obj::from_borrowed(value));
            }
        }
        getattr_slow(o, name, site)
    }
}

#[inline(never)]
fn getattr_slow(o: &Obj, name: &'static Interned, site: &'static AttrSite) -> R<Obj> {
    let found = obj_getattr(o, name)?;
    unsafe { site.learn(o.as_ptr(), name.get(), false) };
    Ok(found)
}

/// `o.name = v` at a site (STORE_ATTR, with CPython's instance-value fast path for an
/// attribute the instance already has).
#[inline(always)]
pub fn obj_setattr_at(o: &Obj, name: &'static Interned, v: &Obj, site: &'static AttrSite) -> R<()> {
    unsafe {
        if let Some(slot) = site.slot(o.as_ptr()) {
            let old = *slot;
            if !old.is_null() {
                ffi::Py_INCREF(v.as_ptr());
                *slot = v.as_ptr();
                ffi::Py_DECREF(old); // may run a __del__, as in CPython
                return Ok(());
            }
        }
        setattr_slow(o, name, v, site)
    }
}

#[inline(never)]
fn setattr_slow(o: &Obj, name: &'static Interned, v: &Obj, site: &'static AttrSite) -> R<()> {
    obj_setattr(o, name, v)?;
    unsafe { site.learn(o.as_ptr(), name.get(), true) };
    Ok(())
}
