/** The code in the open mesh that has not been allowed to run, for the consent bar and its dialog. */
import { useShallow } from 'zustand/react/shallow'

import { useMeshStore } from '../store/context'

export function useUntrusted() {
  return useMeshStore(
    useShallow((s) => {
      // Reading codeTrust makes the list follow trust as well as the document.
      void s.codeTrust
      return s.untrustedCode()
    }),
  )
}

export function useUntrustedPolicy() {
  return useMeshStore((s) => {
    void s.codeTrust
    return s.untrustedPolicy()
  })
}
